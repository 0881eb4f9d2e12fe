/// The fields of an invitation body, named as on the wire, in the spec's order.
package enum InviteField: String, Sendable, CaseIterable {
    case canCreateReports
    case canManageStudies
    case clinicRole
    case email
    case firstName
    case hasDashboardAccess
    case lastName
    case level
    case middleName
    case npiNumber
    case phoneNumber
    case suffix1
    case suffix2
}
