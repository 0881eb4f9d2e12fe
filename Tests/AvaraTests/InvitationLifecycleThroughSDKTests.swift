import Avara
import AvaraService
import Foundation
import SQLKit
import Testing

@Suite("Resending and revoking through the SDK")
struct InvitationLifecycleThroughSDKTests {
    @Test("an invite reports a pending invitation; resend and revoke change it, on both products")
    func lifecycle() async throws {
        try await LiveService.run { service in
            let client = service.client()
            let viewer = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "a@clinic.org", firstName: "A",
                hasDashboardAccess: false, lastName: "B", level: .member
            )
            #expect(viewer.invitationStatus == .pending)
            let firstExpiry = try #require(viewer.invitationExpiresAt)
            #expect(abs(firstExpiry.timeIntervalSince(try #require(viewer.createdAt)) - 7 * 86_400) < 1)

            let resent = try await client.viewer.users.resendInvitation(userId: viewer.userId)
            #expect(resent.userId == viewer.userId)
            #expect(resent.invitationStatus == .pending)
            #expect(try #require(resent.invitationExpiresAt) >= firstExpiry)

            let revoked = try await client.viewer.users.revokeInvitation(userId: viewer.userId)
            #expect(revoked.invitationStatus == .revoked)

            let scribe = try await client.autoScribe.users.invite(
                canCreateReports: false, canManageStudies: true, clinicRole: .scribe, email: "s@clinic.org",
                firstName: "S", hasDashboardAccess: false, lastName: "C", level: .member
            )
            let scribeRevoked = try await client.autoScribe.users.revokeInvitation(userId: scribe.userId)
            #expect(scribeRevoked.invitationStatus == .revoked)
            #expect(try await client.autoScribe.users.resendInvitation(userId: scribe.userId).invitationStatus == .pending)
        }
    }

    @Test("another product's user is not found; an accepted invitation is a conflict")
    func errors() async throws {
        try await LiveService.run { service in
            let client = service.client()
            let user = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "a@clinic.org", firstName: "A",
                hasDashboardAccess: false, lastName: "B", level: .member
            )
            let missing = try await #require(throws: AvaraError.self) {
                try await client.autoScribe.users.resendInvitation(userId: user.userId)
            }
            #expect(missing.kind == .notFound)
            let odd = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.revokeInvitation(userId: "../../health")
            }
            #expect(odd.kind == .notFound)

            try await service.environment.store.transaction { db in
                try await db.raw("UPDATE invitations SET status = 'accepted'").run()
            }
            let accepted = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.revokeInvitation(userId: user.userId)
            }
            #expect(accepted.kind == .conflict)
            #expect(accepted.status == 409)
        }
    }
}

@Suite("Retrieving and removing users through the SDK")
struct UserDirectoryThroughSDKTests {
    @Test("retrieve returns the invited user; delete removes them; both products")
    func retrieveAndDelete() async throws {
        try await LiveService.run { service in
            let client = service.client()
            let viewer = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "a@clinic.org", firstName: "A",
                hasDashboardAccess: false, lastName: "B", level: .member
            )
            #expect(try await client.viewer.users.retrieve(userId: viewer.userId) == viewer)
            try await client.viewer.users.delete(userId: viewer.userId)
            let gone = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.retrieve(userId: viewer.userId)
            }
            #expect(gone.kind == .notFound)

            let scribe = try await client.autoScribe.users.invite(
                canCreateReports: true, canManageStudies: true, clinicRole: .radiologist, email: "s@clinic.org",
                firstName: "S", hasDashboardAccess: true, lastName: "C", level: .admin, npiNumber: "1234567893"
            )
            #expect(try await client.autoScribe.users.retrieve(userId: scribe.userId).npiNumber == "1234567893")
            let wrongProduct = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.delete(userId: scribe.userId)
            }
            #expect(wrongProduct.kind == .notFound)
            try await client.autoScribe.users.delete(userId: scribe.userId)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
        }
    }
}
