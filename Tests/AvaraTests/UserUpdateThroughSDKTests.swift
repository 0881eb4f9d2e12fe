import Avara
import Foundation
import Testing

@Suite("Updating users through the SDK against the real server")
struct UserUpdateThroughSDKTests {
    @Test("a Viewer user is promoted to admin, a middle name set and a phone number cleared")
    func viewerUpdate() async throws {
        try await LiveService.run { service in
            let users = service.client().viewer.users
            let invited = try await users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org", firstName: "Sarah",
                hasDashboardAccess: false, lastName: "Johnson", level: .member, phoneNumber: "5551234567"
            )
            let updated = try await users.update(
                userId: invited.userId, hasDashboardAccess: true, level: .admin, middleName: "Marie", phoneNumber: .null
            )
            #expect(updated.level == .admin && updated.hasDashboardAccess)
            #expect(updated.middleName == "Marie")
            #expect(updated.phoneNumber == nil)
            #expect(updated.email == invited.email && updated.createdAt == invited.createdAt)
            // The running service's outbox may send the invitation email between the two answers.
            var retrieved = try await users.retrieve(userId: invited.userId)
            var expected = updated
            retrieved.invitationEmail = nil
            expected.invitationEmail = nil
            #expect(retrieved == expected)
        }
    }

    @Test("an AutoScribe user becomes a report writer with UserUpdateParams, and cannot drop the NPI afterwards")
    func autoScribeUpdate() async throws {
        try await LiveService.run { service in
            let users = service.client().autoScribe.users
            let invited = try await users.invite(
                canCreateReports: false, canManageStudies: false, clinicRole: .radiologist,
                email: "dr.johnson@hospital.org", firstName: "Sarah", hasDashboardAccess: false, lastName: "Johnson",
                level: .member
            )
            let writer = try await users.update(
                userId: invited.userId,
                AutoScribe.UserUpdateParams(canCreateReports: true, npiNumber: Nullable("1234567893"))
            )
            #expect(writer.canCreateReports && writer.npiNumber == "1234567893")

            let error = await #expect(throws: AvaraError.self) {
                try await users.update(userId: invited.userId, npiNumber: .null)
            }
            #expect(error?.kind == .unprocessableEntity)
            #expect(error?.fieldErrors.map(\.field) == ["npiNumber"])
            #expect(try await users.retrieve(userId: invited.userId).npiNumber == "1234567893")
        }
    }

    @Test("updating a user of another clinic is not found")
    func otherClinic() async throws {
        try await LiveService.run { service in
            let invited = try await service.client().viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org", firstName: "Sarah",
                hasDashboardAccess: false, lastName: "Johnson", level: .member
            )
            let error = await #expect(throws: AvaraError.self) {
                try await service.client().autoScribe.users.update(userId: invited.userId, firstName: "Eve")
            }
            #expect(error?.kind == .notFound)
        }
    }

    @Test("Nullable encodes null, a value, or nothing when the field is left out")
    func nullableEncoding() throws {
        let params = Viewer.UserUpdateParams(firstName: "Ann", middleName: .null, suffix1: Nullable(nil as String?))
        let json = String(decoding: try JSONEncoder().encode(params), as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["firstName", "middleName", "suffix1"])
        #expect(object["middleName"] is NSNull && object["suffix1"] is NSNull)
        #expect(object["firstName"] as? String == "Ann")
    }
}
