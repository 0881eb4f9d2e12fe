import Avara

/// One product's users, as the client commands use them: the same operations for Viewer and AutoScribe, with
/// their fields described as ``UserField``s and read from ``FieldValues``.
///
/// ```swift
/// let users = ViewerUsersClient(client: try AvaraClient())
/// let params = try ViewerUsersClient.inviteParams(from: FieldValues(["email": "a@x.org", ...]))
/// let user = try await users.invite(params, options: RequestOptions())
/// ```
public protocol ProductClient: Sendable {
    associatedtype Users: ProductUsers
    typealias User = Users.User
    typealias InviteParams = Users.InviteParams
    typealias UpdateParams = Users.UpdateParams

    /// The product's word in paths and commands: `viewer` or `autoScribe`.
    static var name: String { get }
    /// The fields of an invite, in the API's order.
    static var inviteFields: [UserField] { get }
    /// The optional text fields an update can clear.
    static var clearableFields: [String] { get }

    /// The invite described by `values`.
    ///
    /// - Throws: ``FieldProblems`` listing every required field absent and every boolean that is not one.
    static func inviteParams(from values: FieldValues) throws(FieldProblems) -> InviteParams
    /// The update described by `values` (absent = unchanged) and `clearing` (set to null).
    ///
    /// - Throws: ``FieldProblems`` for an email (it cannot change), a field both set and cleared, a field that
    ///   cannot be cleared, a boolean that is not one.
    static func updateParams(from values: FieldValues, clearing: Set<String>) throws(FieldProblems) -> UpdateParams

    /// The SDK's users of the product.
    var users: Users { get }

    init(client: AvaraClient)
}

extension ProductClient {
    public func invite(_ params: InviteParams, options: RequestOptions) async throws -> User {
        try await users.invite(params, options: options)
    }

    /// The users matching `filter`, page by page; filter values the SDK does not know are sent as they are.
    public func list(_ filter: UserFilter) -> UserList<User> {
        users.list(
            limit: filter.pageSize, level: filter.level.map(UserLevel.init(rawValue:)),
            clinicRole: filter.clinicRole.map(Users.ClinicRole.init(rawValue:)),
            invitationStatus: filter.invitationStatus.map(InvitationStatus.init(rawValue:)), email: filter.email,
            q: filter.q, options: RequestOptions()
        )
    }

    public func retrieve(userId: String) async throws -> User {
        try await users.retrieve(userId: userId, options: RequestOptions())
    }

    public func update(userId: String, _ params: UpdateParams) async throws -> User {
        try await users.update(userId: userId, params, options: RequestOptions())
    }

    public func delete(userId: String) async throws {
        try await users.delete(userId: userId, options: RequestOptions())
    }
}

/// The filters of a list call (as the API's query parameters) and its page size.
public struct UserFilter: Sendable, Equatable {
    public var level: String?
    public var clinicRole: String?
    public var invitationStatus: String?
    /// Exactly this email, in any case.
    public var email: String?
    /// A prefix of the first name, last name or email.
    public var q: String?
    /// Users per page, 1 to 100.
    public var pageSize: Int?

    public init(
        level: String? = nil, clinicRole: String? = nil, invitationStatus: String? = nil, email: String? = nil,
        q: String? = nil, pageSize: Int? = nil
    ) {
        self.level = level
        self.clinicRole = clinicRole
        self.invitationStatus = invitationStatus
        self.email = email
        self.q = q
        self.pageSize = pageSize
    }
}
