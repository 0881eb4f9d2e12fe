import Avara
import AvaraClientTools
import AvaraRoster
import Testing

@Suite("Fields to invite and update parameters")
struct FieldMappingTests {
    static let viewer: [String: String] = [
        "email": "a@x.org", "firstName": "Ann", "lastName": "Lee", "clinicRole": "Radiologist", "level": "member",
        "canManageStudies": "TRUE", "hasDashboardAccess": "no", "suffix1": "MD",
    ]

    @Test("a Viewer invite from text fields")
    func viewerInvite() throws {
        let params = try Viewer.inviteParams(from: FieldValues(Self.viewer))
        #expect(
            params
                == Viewer.UserInviteParams(
                    canManageStudies: true, clinicRole: .radiologist, email: "a@x.org", firstName: "Ann",
                    hasDashboardAccess: false, lastName: "Lee", level: .member, suffix1: "MD"
                )
        )
    }

    @Test("every missing required field and every unreadable boolean is reported at once")
    func problems() throws {
        let error = #expect(throws: FieldProblems.self) {
            try AutoScribe.inviteParams(
                from: FieldValues(["email": "a@x.org", "canManageStudies": "maybe", "level": ""]))
        }
        let fields = error?.errors.map(\.field) ?? []
        #expect(
            fields == [
                "canCreateReports", "canManageStudies", "clinicRole", "firstName", "hasDashboardAccess", "lastName",
                "level",
            ])
        #expect(error?.errors[1].message == "must be true or false (or yes/no, 1/0), got \"maybe\"")
    }

    @Test("an AutoScribe invite carries its NPI and report permission")
    func autoScribeInvite() throws {
        var values = Self.viewer
        values["canCreateReports"] = "1"
        values["npiNumber"] = "1234567893"
        let params = try AutoScribe.inviteParams(from: FieldValues(values))
        #expect(params.canCreateReports && params.npiNumber == "1234567893" && params.clinicRole == .radiologist)
    }

    @Test("an update sets what is given, clears what is cleared, leaves the rest")
    func update() throws {
        let params = try AutoScribe.updateParams(
            from: FieldValues(["firstName": "Anna", "canCreateReports": "false"]), clearing: ["npiNumber", "suffix1"]
        )
        #expect(
            params
                == AutoScribe.UserUpdateParams(
                    canCreateReports: false, firstName: "Anna", npiNumber: .null, suffix1: .null
                )
        )
    }

    @Test("an update cannot change the email, clear a required field, or set and clear one field")
    func updateProblems() throws {
        let error = #expect(throws: FieldProblems.self) {
            try Viewer.updateParams(
                from: FieldValues(["email": "b@x.org", "middleName": "Q"]),
                clearing: ["middleName", "lastName", "npiNumber"]
            )
        }
        #expect(error?.errors.map(\.field) == ["email", "lastName", "npiNumber", "middleName"])
    }
}
