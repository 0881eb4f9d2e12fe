/// A product of the Avara platform, as the SDK knows it: the types of its users and where the API keeps them.
///
/// ``Viewer`` and ``AutoScribe`` are the products; one ``ProductUsers`` serves both, its product supplying the types.
///
/// ```swift
/// func emails<Product: AvaraProduct>(of users: ProductUsers<Product>) async throws -> [String] {
///     try await users.list().reduce(into: []) { $0.append($1.email) }
/// }
/// ```
public protocol AvaraProduct: Sendable {
    /// The product's clinic roles.
    associatedtype ClinicRole: OpenEnum
    /// The product's word in the API's paths and the `avara` commands: `viewer` or `autoScribe`.
    static var apiName: String { get }
    /// Whether the product's users can write reports, and so have `canCreateReports` and `npiNumber`.
    static var takesReports: Bool { get }
}

extension AvaraProduct {
    /// A user's access level in the product.
    public typealias Level = UserLevel
    /// A user of the product, as the API reports it.
    public typealias User = ProductUser<Self>
    /// The body of an invite into the product.
    public typealias UserInviteParams = Avara.UserInviteParams<Self>
    /// The changes of an update of one of the product's users.
    public typealias UserUpdateParams = Avara.UserUpdateParams<Self>
    /// The product's operations: ``ProductAPI/users``.
    public typealias API = ProductAPI<Self>
    /// The clinic's users of the product.
    public typealias Users = ProductUsers<Self>
}

/// Types and operations of Avara Viewer, the study viewer.
///
/// Reach the operations through ``AvaraClient/viewer``:
///
/// ```swift
/// let user = try await client.viewer.users.invite(
///     canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org",
///     firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson", level: .member)
/// ```
public enum Viewer: AvaraProduct {
    /// `viewer`
    public static let apiName = "viewer"
    /// Viewer's users do not write reports.
    public static let takesReports = false
}

/// Types and operations of Avara AutoScribe, radiology report writing.
///
/// Reach the operations through ``AvaraClient/autoScribe``:
///
/// ```swift
/// let user = try await client.autoScribe.users.invite(
///     canCreateReports: true, canManageStudies: true, clinicRole: .radiologist,
///     email: "dr.johnson@hospital.org", firstName: "Sarah", hasDashboardAccess: true,
///     lastName: "Johnson", level: .member, npiNumber: "1234567893")
/// ```
public enum AutoScribe: AvaraProduct {
    /// `autoScribe`
    public static let apiName = "autoScribe"
    /// AutoScribe's users can write reports: they have `canCreateReports` and `npiNumber`.
    public static let takesReports = true
}
