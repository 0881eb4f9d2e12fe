import Avara

extension AutoScribe: FieldMappedProduct {
    package static let inviteFields =
        [UserField("canCreateReports", .boolean, required: true)] + UserField.common + [UserField("npiNumber")]
    package static let clearableFields = UserField.commonClearable + ["npiNumber"]

    package static func inviteParams(from values: FieldValues) throws(FieldProblems) -> AutoScribe.UserInviteParams {
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
