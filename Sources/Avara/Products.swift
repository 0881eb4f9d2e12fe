/// Types and operations of Avara Viewer, the study viewer.
///
/// Reach the operations through ``AvaraClient/viewer``:
///
/// ```swift
/// let user = try await client.viewer.users.invite(
///     canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org",
///     firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson", level: .member)
/// ```
public enum Viewer {
    /// A user's access level in Viewer.
    public typealias Level = UserLevel
}

/// Types and operations of Avara AutoScribe, radiology report writing.
///
/// Reach the operations through ``AvaraClient/autoScribe``:
///
/// ```swift
/// let user = try await client.autoScribe.users.invite(
///     canCreateReports: true, canManageStudies: true, clinicRole: .radiologist,
///     email: "dr.johnson@hospital.org", firstName: "Sarah", hasDashboardAccess: true,
///     lastName: "Johnson", level: .member, npiNumber: "1234567893")
/// ```
public enum AutoScribe {
    /// A user's access level in AutoScribe.
    public typealias Level = UserLevel
}
