import ArgumentParser

/// `avara clinics`: administers clinics.
struct Clinics: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer clinics.",
        subcommands: [ClinicsCreate.self, ClinicsAddOwner.self, ClinicsSCIMDefaults.self]
    )
}
