import Avara
import AvaraRoster

extension AutoScribe: FieldMappedProduct {
    package static let inviteFields = UserField.autoScribeInvite
    package static let clearableFields = UserField.autoScribeClearable

    package static func inviteParams(from values: [String: RosterValue]) -> AutoScribe.UserInviteParams {
        AutoScribe.UserInviteParams(
            canCreateReports: values.bool("canCreateReports") ?? false,
            canManageStudies: values.bool("canManageStudies") ?? false,
            clinicRole: AutoScribe.ClinicRole(rawValue: values.text("clinicRole") ?? ""),
            email: values.text("email") ?? "", firstName: values.text("firstName") ?? "",
            hasDashboardAccess: values.bool("hasDashboardAccess") ?? false, lastName: values.text("lastName") ?? "",
            level: UserLevel(rawValue: values.text("level") ?? ""), middleName: values.text("middleName"),
            npiNumber: values.text("npiNumber"), phoneNumber: values.text("phoneNumber"),
            suffix1: values.text("suffix1"), suffix2: values.text("suffix2")
        )
    }

    package static func updateParams(
        from values: FieldValues, clearing: Set<String>
    ) throws(FieldProblems) -> AutoScribe.UserUpdateParams {
        var reader = FieldReader(update: values, clearing: clearing, clearable: clearableFields)
        var params: AutoScribe.UserUpdateParams = reader.changes()
        params.canCreateReports = reader.boolean("canCreateReports")
        params.npiNumber = reader.nullable("npiNumber")
        try reader.finish()
        return params
    }
}
