import Avara
import AvaraCore
import AvaraMail
import AvaraService
import AvaraStorage
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
            #expect(
                try await client.autoScribe.users.resendInvitation(userId: scribe.userId).invitationStatus == .pending)
        }
    }

    @Test("the invitation email's state reaches the SDK: queued in the invite's answer, then sent")
    func emailState() async throws {
        try await LiveService.run { service in
            let client = service.client()
            let user = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "a@clinic.org", firstName: "A",
                hasDashboardAccess: false, lastName: "B", level: .member
            )
            #expect(user.invitationEmail == InvitationEmail(status: .queued))
            // The running service's outbox delivers it in the background.
            var state = user.invitationEmail
            for _ in 0..<100 where state?.status != .sent {
                try await Task.sleep(for: .milliseconds(50))
                state = try await client.viewer.users.retrieve(userId: user.userId).invitationEmail
            }
            #expect(state == InvitationEmail(status: .sent))
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
            var retrieved = try await client.viewer.users.retrieve(userId: viewer.userId)
            #expect(retrieved.invitationEmail?.status == .queued || retrieved.invitationEmail?.status == .sent)
            retrieved.invitationEmail = viewer.invitationEmail  // the outbox may have sent it meanwhile
            #expect(retrieved == viewer)
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

@Suite("Listing users through the SDK")
struct UserListThroughSDKTests {
    @Test("iterating a list fetches every page on demand; a page says whether more follow; filters apply")
    func listing() async throws {
        try await LiveService.run { service in
            let client = service.client()
            var invited: [String] = []
            for index in 0..<23 {
                let user = try await client.viewer.users.invite(
                    canManageStudies: true, clinicRole: index == 0 ? .pacsAdministrator : .radiologist,
                    email: "user\(index)+list@clinic.org", firstName: "User\(index)", hasDashboardAccess: index == 0,
                    lastName: "Smith", level: index == 0 ? .admin : .member
                )
                invited.append(user.userId)
            }
            var seen: [String] = []
            for try await user in client.viewer.users.list(limit: 5) {
                seen.append(user.userId)
            }
            #expect(Set(seen) == Set(invited))
            #expect(seen.count == invited.count)

            let first = try await client.viewer.users.list(limit: 10).page()
            #expect(first.data.count == 10 && first.hasMore && first.nextCursor != nil)
            let second = try await client.viewer.users.list(limit: 10).page(after: first.nextCursor)
            #expect(Set(second.data.map(\.userId)).isDisjoint(with: first.data.map(\.userId)))

            var admins: [Viewer.User] = []
            for try await user in client.viewer.users.list(level: .admin) { admins.append(user) }
            #expect(admins.map(\.userId) == [invited[0]])
            let byEmail = try await client.viewer.users.list(email: "USER3+LIST@clinic.org").page()
            #expect(byEmail.data.map(\.userId) == [invited[3]])
            let byRole = try await client.viewer.users.list(clinicRole: .pacsAdministrator).page()
            #expect(byRole.data.map(\.userId) == [invited[0]])
            #expect(try await client.autoScribe.users.list().page().data.isEmpty)
        }
    }
}

@Suite("API keys through the SDK")
struct APIKeysThroughSDKTests {
    @Test("create shows the secret once, the key works, list names it, revoke stops it within 5 seconds")
    func lifecycle() async throws {
        try await LiveService.run { service in
            let client = service.client()
            let created = try await client.apiKeys.create(name: "integration")
            let secret = try #require(created.key)
            #expect(created.prefix == "avk_\(created.keyId)" && created.revokedAt == nil)
            let first = try #require(try await client.apiKeys.list().first)
            #expect(created.createdByKeyId == first.keyId && first.createdByKeyId == nil)
            let other = service.client(apiKey: secret)
            let minted = try await other.apiKeys.create(name: "minted")
            #expect(minted.createdByKeyId == created.keyId)
            _ = try await other.viewer.users.list(limit: 1).page()
            #expect(Set(try await client.apiKeys.list().map(\.name)) == ["first key", "integration", "minted"])

            let revoked = try await client.apiKeys.revoke(keyId: created.keyId)
            #expect(revoked.revokedAt != nil)
            var refused = false
            for _ in 0..<60 where !refused {
                do {
                    _ = try await other.viewer.users.list(limit: 1).page()
                    try await Task.sleep(for: .milliseconds(100))
                } catch let error as AvaraError where error.kind == .authentication {
                    refused = true
                }
            }
            #expect(refused)
            let missing = await #expect(throws: AvaraError.self) {
                try await client.apiKeys.revoke(keyId: "0123456789abcdef")
            }
            #expect(missing?.kind == .notFound)
        }
    }
}
