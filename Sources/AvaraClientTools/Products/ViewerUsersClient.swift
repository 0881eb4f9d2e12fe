import Avara

/// ``ProductClient`` for Viewer: `client.viewer.users`.
public struct ViewerUsersClient: ProductClient {
    public typealias User = Viewer.User

    public static let name = "viewer"
    public static let inviteFields = UserField.common
    public static let clearableFields = UserField.commonClearable

    let users: Viewer.Users

    public init(client: AvaraClient) {
        users = client.viewer.users
    }

    public static func inviteParams(from values: FieldValues) throws(FieldProblems) -> Viewer.UserInviteParams {
        var reader = FieldReader(values)
        let params = Viewer.UserInviteParams(
            canManageStudies: reader.requiredBoolean("canManageStudies"),
            clinicRole: Viewer.ClinicRole(rawValue: reader.required("clinicRole")),
            email: reader.required("email"), firstName: reader.required("firstName"),
            hasDashboardAccess: reader.requiredBoolean("hasDashboardAccess"), lastName: reader.required("lastName"),
            level: UserLevel(rawValue: reader.required("level")), middleName: values["middleName"],
            phoneNumber: values["phoneNumber"], suffix1: values["suffix1"], suffix2: values["suffix2"]
        )
        try reader.finish()
        return params
    }

    public static func updateParams(
        from values: FieldValues, clearing: Set<String>
    ) throws(FieldProblems) -> Viewer.UserUpdateParams {
        var reader = FieldReader(values, clearing: clearing)
        reader.problems = FieldProblems.updateProblems(values, clearing: clearing, clearable: clearableFields)
        let params = Viewer.UserUpdateParams(
            canManageStudies: reader.boolean("canManageStudies"),
            clinicRole: values["clinicRole"].map(Viewer.ClinicRole.init(rawValue:)),
            firstName: values["firstName"], hasDashboardAccess: reader.boolean("hasDashboardAccess"),
            lastName: values["lastName"], level: values["level"].map(UserLevel.init(rawValue:)),
            middleName: reader.nullable("middleName"), phoneNumber: reader.nullable("phoneNumber"),
            suffix1: reader.nullable("suffix1"), suffix2: reader.nullable("suffix2")
        )
        try reader.finish()
        return params
    }

    public static func userId(of user: Viewer.User) -> String { user.userId }

    public func invite(_ params: Viewer.UserInviteParams, options: RequestOptions) async throws -> Viewer.User {
        try await users.invite(params, options: options)
    }

    public func list(_ filter: UserFilter) -> UserList<Viewer.User> {
        users.list(
            limit: filter.pageSize, level: filter.level.map(UserLevel.init(rawValue:)),
            clinicRole: filter.clinicRole.map(Viewer.ClinicRole.init(rawValue:)),
            invitationStatus: filter.invitationStatus.map(InvitationStatus.init(rawValue:)), email: filter.email,
            q: filter.q
        )
    }

    public func retrieve(userId: String) async throws -> Viewer.User {
        try await users.retrieve(userId: userId)
    }

    public func update(userId: String, _ params: Viewer.UserUpdateParams) async throws -> Viewer.User {
        try await users.update(userId: userId, params)
    }

    public func delete(userId: String) async throws {
        try await users.delete(userId: userId)
    }
}
