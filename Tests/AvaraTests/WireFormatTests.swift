import Foundation
import Testing

@testable import Avara

@Suite("Reading and writing the API's JSON")
struct WireFormatTests {
    static let response = #"""
        {"canCreateReports":true,"canManageStudies":true,"clinicRole":"Sonographer","createdAt":"2026-03-01T09:30:00.250Z",
         "email":"a@b.org","firstName":"A","hasDashboardAccess":false,"invitedSource":"hl7-feed","lastLoginAt":null,
         "lastName":"B","level":"owner","userId":"usr_0123456789abcdef0123456789abcdef","futureField":{"x":1}}
        """#

    @Test("values this SDK does not know still decode, keeping the raw value; unknown fields are ignored")
    func forwardCompatibility() throws {
        let user = try WireFormat.decoder().decode(AutoScribe.User.self, from: Data(Self.response.utf8))
        #expect(user.clinicRole == .unknown("Sonographer"))
        #expect(user.clinicRole.rawValue == "Sonographer")
        #expect(!user.clinicRole.isKnown)
        #expect(user.invitedSource == .unknown("hl7-feed"))
        #expect(user.level == .unknown("owner"))
        #expect(user.lastLoginAt == nil)
        let again = try WireFormat.decoder().decode(
            AutoScribe.User.self, from: WireFormat.encoder().encode(user)
        )
        #expect(again == user)
    }

    @Test(
        "timestamps decode with and without fractional seconds",
        arguments: [
            ("2026-03-01T09:30:00.250Z", 1_772_357_400.25), ("2026-03-01T09:30:00Z", 1_772_357_400.0),
        ])
    func timestamps(text: String, seconds: Double) throws {
        let json = Self.response.replacingOccurrences(of: "2026-03-01T09:30:00.250Z", with: text)
        let user = try WireFormat.decoder().decode(AutoScribe.User.self, from: Data(json.utf8))
        #expect(user.createdAt?.timeIntervalSince1970 == seconds)
    }

    @Test("params are sent with the API's field names; absent optionals are left out")
    func paramsEncoding() throws {
        let params = AutoScribe.UserInviteParams(
            canCreateReports: false, canManageStudies: true, clinicRole: .physicianAssistant, email: "a@b.org",
            firstName: "A", hasDashboardAccess: false, lastName: "B", level: .member, suffix2: "PhD"
        )
        let json = String(decoding: try WireFormat.encoder().encode(params), as: UTF8.self)
        #expect(
            json
                == #"{"canCreateReports":false,"canManageStudies":true,"clinicRole":"Physician Assistant","email":"a@b.org","firstName":"A","hasDashboardAccess":false,"lastName":"B","level":"member","suffix2":"PhD"}"#
        )
    }

    @Test("enum cases are idiomatic Swift names with the exact wire strings")
    func enumNames() {
        #expect(AutoScribe.ClinicRole.physicianAssistant.rawValue == "Physician Assistant")
        #expect(AutoScribe.ClinicRole.pathologistsAssistant.rawValue == "Pathologists' Assistant")
        #expect(AutoScribe.ClinicRole.speechLanguagePathologist.rawValue == "Speech-Language Pathologist")
        #expect(AutoScribe.ClinicRole(rawValue: "IT Administrator") == .itAdministrator)
        #expect(Viewer.ClinicRole.pacsAdministrator.rawValue == "PACS Administrator")
        #expect(Viewer.ClinicRole(rawValue: "radiologist") == .unknown("radiologist"), "matching is case-sensitive")
        #expect("\(Viewer.ClinicRole.registeredNurse)" == "Registered Nurse")
    }
}
