import Avara
import AvaraRoster

extension Viewer: FieldMappedProduct {
    package static let inviteFields = UserField.viewerInvite
    package static let clearableFields = UserField.viewerClearable

    package static func inviteParams(from values: [String: RosterValue]) -> Viewer.UserInviteParams {
        Viewer.UserInviteParams(
            canManageStudies: values.bool("canManageStudies") ?? false,
            clinicRole: Viewer.ClinicRole(rawValue: values.text("clinicRole") ?? ""),
            email: values.text("email") ?? "", firstName: values.text("firstName") ?? "",
            hasDashboardAccess: values.bool("hasDashboardAccess") ?? false, lastName: values.text("lastName") ?? "",
            level: UserLevel(rawValue: values.text("level") ?? ""), middleName: values.text("middleName"),
            phoneNumber: values.text("phoneNumber"), suffix1: values.text("suffix1"), suffix2: values.text("suffix2")
        )
    }

    package static func updateParams(
        from values: FieldValues, clearing: Set<String>
    ) throws(FieldProblems) -> Viewer.UserUpdateParams {
        var reader = FieldReader(update: values, clearing: clearing, clearable: clearableFields)
        let params: Viewer.UserUpdateParams = reader.changes()
        try reader.finish()
        return params
    }
}
