/// The provisioning defaults of each clinic and product (see ``ProvisioningDefaults``).
package protocol ProvisioningDefaultsRepository: Sendable {
    /// The defaults `clinicId` set for `product`; `nil` when it never set any.
    func defaults(clinicId: String, product: Product) async throws -> ProvisioningDefaults?

    /// Stores `defaults` for the clinic's `product`, replacing any.
    func setDefaults(_ defaults: ProvisioningDefaults, clinicId: String, product: Product) async throws
}
