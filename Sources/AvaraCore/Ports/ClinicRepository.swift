/// Clinics and their API keys.
package protocol ClinicRepository: Sendable {
    /// Stores a new clinic with its first API key (stored as a hash).
    func createClinic(_ clinic: Clinic, apiKey: APIKeyCredential) async throws

    /// Stores `clinic` with its key when no clinic exists yet, as one step that replicas starting together on one
    /// database take one at a time.
    ///
    /// - Returns: Whether the clinic was created (`false`: the database already had a clinic).
    func createFirstClinic(_ clinic: Clinic, apiKey: APIKeyCredential) async throws -> Bool

    /// The clinic `clinicId`, or `nil` when there is none.
    func clinic(id clinicId: String) async throws -> Clinic?

    /// How many clinics exist.
    func clinicCount() async throws -> Int

    /// The presented key verified (its clinic and name), with its last recorded use, or `nil` when the key is unknown,
    /// revoked or does not match.
    func owner(of key: APIKeyCredential) async throws -> KeyOwner?
}
