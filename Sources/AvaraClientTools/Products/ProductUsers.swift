import Avara

/// What `client.viewer.users` and `client.autoScribe.users` have in common, so that one piece of code serves both.
public protocol ProductUsers: Sendable {
    associatedtype User: IdentifiedUser
    associatedtype InviteParams: Encodable & Equatable & Sendable
    associatedtype UpdateParams: Encodable & Equatable & Sendable
    associatedtype ClinicRole: OpenEnum

    func invite(_ params: InviteParams, options: RequestOptions) async throws -> User
    func list(
        limit: Int?, level: UserLevel?, clinicRole: ClinicRole?, invitationStatus: InvitationStatus?, email: String?,
        q: String?, options: RequestOptions
    ) -> UserList<User>
    func retrieve(userId: String, options: RequestOptions) async throws -> User
    func update(userId: String, _ params: UpdateParams, options: RequestOptions) async throws -> User
    func delete(userId: String, options: RequestOptions) async throws
}

/// A user of either product: the API's JSON, with an id.
public protocol IdentifiedUser: Codable, Equatable, Sendable {
    /// `usr_` followed by 32 lowercase hexadecimal characters.
    var userId: String { get }
}

extension Viewer.User: IdentifiedUser {}
extension AutoScribe.User: IdentifiedUser {}

extension Viewer.Users: ProductUsers {
    public typealias User = Viewer.User
    public typealias InviteParams = Viewer.UserInviteParams
    public typealias UpdateParams = Viewer.UserUpdateParams
    public typealias ClinicRole = Viewer.ClinicRole
}

extension AutoScribe.Users: ProductUsers {
    public typealias User = AutoScribe.User
    public typealias InviteParams = AutoScribe.UserInviteParams
    public typealias UpdateParams = AutoScribe.UserUpdateParams
    public typealias ClinicRole = AutoScribe.ClinicRole
}
