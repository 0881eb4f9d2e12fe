/// What a user created by the clinic's identity provider (SCIM) gets for the product's fields the provider does not
/// send: per clinic and product, set with `avara clinics scim-defaults`.
///
/// ```swift
/// var defaults = ProvisioningDefaults.standard
/// defaults.clinicRole = "Radiologist"
/// ```
package struct ProvisioningDefaults: Sendable, Equatable {
    package var clinicRole: String
    /// `member` or `admin`.
    package var level: String
    package var canManageStudies: Bool
    package var hasDashboardAccess: Bool
    /// AutoScribe only; `true` needs an NPI number, which a default cannot give.
    package var canCreateReports: Bool

    package init(
        clinicRole: String, level: String, canManageStudies: Bool, hasDashboardAccess: Bool, canCreateReports: Bool
    ) {
        self.clinicRole = clinicRole
        self.level = level
        self.canManageStudies = canManageStudies
        self.hasDashboardAccess = hasDashboardAccess
        self.canCreateReports = canCreateReports
    }

    /// Until a clinic sets its own: role `Other`, level `member`, every permission off.
    package static let standard = ProvisioningDefaults(
        clinicRole: "Other", level: "member", canManageStudies: false, hasDashboardAccess: false,
        canCreateReports: false)
}
