import Avara

/// ``ProductClient`` for AutoScribe: `client.autoScribe.users`.
public struct AutoScribeUsersClient: ProductClient {
    public static let name = "autoScribe"
    public static let inviteFields =
        [UserField("canCreateReports", .boolean, required: true)] + UserField.common + [UserField("npiNumber")]
    public static let clearableFields = UserField.commonClearable + ["npiNumber"]

    public let users: AutoScribe.Users

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
        var reader = FieldReader(update: values, clearing: clearing, clearable: clearableFields)
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
}
