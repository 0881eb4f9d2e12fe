import AvaraSupport
import Foundation

/// Creating clinics and their API keys (the `avara clinics create` command and the first start of `serve`).
package struct ClinicService: Sendable {
    /// A created clinic with its key, whose plaintext exists only here.
    package struct Provisioned: Sendable, Equatable {
        package var clinic: Clinic
        package var apiKey: String
    }

    private let clinics: any ClinicRepository
    private let clock: any ServiceClock
    private let random: any RandomSource

    package init(clinics: any ClinicRepository, clock: any ServiceClock, random: any RandomSource) {
        self.clinics = clinics
        self.clock = clock
        self.random = random
    }

    /// Creates a clinic named `name` with a new API key.
    package func createClinic(name: String) async throws -> Provisioned {
        let provisioned = try newClinic(name: name)
        try await clinics.createClinic(provisioned.clinic, apiKey: provisioned.key)
        return Provisioned(clinic: provisioned.clinic, apiKey: provisioned.key.plaintext)
    }

    /// On a database without any clinic, creates "Default Clinic" and returns it with its key; otherwise `nil`.
    /// Of several replicas starting together on one empty database, exactly one creates it.
    package func createDefaultClinicIfNone() async throws -> Provisioned? {
        guard try await clinics.clinicCount() == 0 else { return nil }
        let provisioned = try newClinic(name: "Default Clinic")
        guard try await clinics.createFirstClinic(provisioned.clinic, apiKey: provisioned.key) else {
            return nil
        }
        return Provisioned(clinic: provisioned.clinic, apiKey: provisioned.key.plaintext)
    }

    private func newClinic(name: String) throws -> (clinic: Clinic, key: APIKeyCredential) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200, !TextChecks.containsControlCharacter(trimmed),
            !TextChecks.containsFormatCharacter(trimmed)
        else {
            throw ConfigurationError("clinic name must have 1 to 200 characters and no control or format characters")
        }
        let clinic = Clinic(clinicId: "cln_\(random.hex(16))", name: trimmed, createdAt: clock.now())
        return (clinic, APIKeyCredential.generate(using: random))
    }
}
