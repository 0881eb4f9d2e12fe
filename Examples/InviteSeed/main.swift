// The SDK's seed example: invite Sarah Johnson into Viewer and AutoScribe.
//
//     AVARA_API_KEY=avk_… swift run invite-seed
//
// against a running `avara serve` (AVARA_BASE_URL, default http://127.0.0.1:8080).
import Avara

let client = try AvaraClient()
do {
    let user = try await client.viewer.users.invite(
        canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org",
        firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson", level: .member)
    print(user.userId)
    print(user)

    let scribe = try await client.autoScribe.users.invite(
        AutoScribe.UserInviteParams(
            canCreateReports: true, canManageStudies: true, clinicRole: .radiologist,
            email: "dr.johnson@hospital.org", firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson",
            level: .member, npiNumber: "1234567893"))
    print(scribe)
} catch let error as AvaraError where error.kind == .conflict {
    print("Sarah Johnson is already invited: \(error)")
}
