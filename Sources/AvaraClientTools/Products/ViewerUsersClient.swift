import Avara

/// ``ProductClient`` for Viewer: `client.viewer.users`.
public struct ViewerUsersClient: ProductClient {
    public static let name = "viewer"
    public static let inviteFields = UserField.common
    public static let clearableFields = UserField.commonClearable

    public let users: Viewer.Users

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
        var reader = FieldReader(update: values, clearing: clearing, clearable: clearableFields)
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
}
