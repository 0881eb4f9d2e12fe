import Avara

extension Viewer: FieldMappedProduct {
    package static let inviteFields = UserField.common
    package static let clearableFields = UserField.commonClearable

    package static func inviteParams(from values: FieldValues) throws(FieldProblems) -> Viewer.UserInviteParams {
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

    package static func updateParams(
        from values: FieldValues, clearing: Set<String>
    ) throws(FieldProblems) -> Viewer.UserUpdateParams {
        var reader = FieldReader(update: values, clearing: clearing, clearable: clearableFields)
        let params: Viewer.UserUpdateParams = reader.changes()
        try reader.finish()
        return params
    }
}
