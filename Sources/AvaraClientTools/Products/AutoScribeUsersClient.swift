import Avara

/// ``ProductClient`` for AutoScribe: `client.autoScribe.users`.
public struct AutoScribeUsersClient: ProductClient {
    public typealias User = AutoScribe.User

    public static let name = "autoScribe"
    public static let inviteFields =
        [UserField("canCreateReports", .boolean, required: true)] + UserField.common + [UserField("npiNumber")]
    public static let clearableFields = UserField.commonClearable + ["npiNumber"]

    let users: AutoScribe.Users

    public init(client: AvaraClient) {
        users = client.autoScribe.users
    }

    public static func inviteParams(from values: FieldValues) throws(FieldProblems) -> AutoScribe.UserInviteParams {
        var reader = FieldReader(values)
        let params = AutoScribe.UserInviteParams(
            canCreateReports: reader.requiredBoolean("canCreateReports"),
            canManageStudies: reader.requiredBoolean("canManageStudies"),
            clinicRole: AutoScribe.ClinicRole(rawValue: reader.required("clinicRole")),
            email: reader.required("email"), firstName: reader.required("firstName"),
            hasDashboardAccess: reader.requiredBoolean("hasDashboardAccess"), lastName: reader.required("lastName"),
            level: UserLevel(rawValue: reader.required("level")), middleName: values["middleName"],
            npiNumber: values["npiNumber"], phoneNumber: values["phoneNumber"], suffix1: values["suffix1"],
            suffix2: values["suffix2"]
        )
        try reader.finish()
        return params
    }

    public static func updateParams(
        from values: FieldValues, clearing: Set<String>
    ) throws(FieldProblems) -> AutoScribe.UserUpdateParams {
        var reader = FieldReader(values, clearing: clearing)
        reader.problems = FieldProblems.updateProblems(values, clearing: clearing, clearable: clearableFields)
        let params = AutoScribe.UserUpdateParams(
            canCreateReports: reader.boolean("canCreateReports"),
            canManageStudies: reader.boolean("canManageStudies"),
            clinicRole: values["clinicRole"].map(AutoScribe.ClinicRole.init(rawValue:)),
            firstName: values["firstName"], hasDashboardAccess: reader.boolean("hasDashboardAccess"),
            lastName: values["lastName"], level: values["level"].map(UserLevel.init(rawValue:)),
            middleName: reader.nullable("middleName"), npiNumber: reader.nullable("npiNumber"),
            phoneNumber: reader.nullable("phoneNumber"), suffix1: reader.nullable("suffix1"),
            suffix2: reader.nullable("suffix2")
        )
        try reader.finish()
        return params
    }

    public static func userId(of user: AutoScribe.User) -> String { user.userId }

    public func invite(_ params: AutoScribe.UserInviteParams, options: RequestOptions) async throws -> AutoScribe.User {
        try await users.invite(params, options: options)
    }

    public func list(_ filter: UserFilter) -> UserList<AutoScribe.User> {
        users.list(
            limit: filter.pageSize, level: filter.level.map(UserLevel.init(rawValue:)),
            clinicRole: filter.clinicRole.map(AutoScribe.ClinicRole.init(rawValue:)),
            invitationStatus: filter.invitationStatus.map(InvitationStatus.init(rawValue:)), email: filter.email,
            q: filter.q
        )
    }

    public func retrieve(userId: String) async throws -> AutoScribe.User {
        try await users.retrieve(userId: userId)
    }

    public func update(userId: String, _ params: AutoScribe.UserUpdateParams) async throws -> AutoScribe.User {
        try await users.update(userId: userId, params)
    }

    public func delete(userId: String) async throws {
        try await users.delete(userId: userId)
    }
}
