import AvaraRoster
import Foundation
import Testing

@Suite("A roster's rows as typed values, and what an import does with each")
struct RosterStepsTests {
    static let header = "email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess"

    @Test(
        "booleans: true/false, yes/no, 1/0 in any case, nothing else",
        arguments: [
            ("true", true), ("Yes", true), ("1", true), ("FALSE", false), ("no", false), ("0", false),
        ])
    func booleans(text: String, value: Bool) {
        #expect(FieldValues.boolean(text) == value)
    }

    @Test("texts stay text, booleans are read, absent optional fields and fields of no column are left out")
    func typedValues() throws {
        let values = FieldValues([
            "email": "a@x.org", "firstName": "Ann", "lastName": "Lee", "clinicRole": "Radiologist", "level": "member",
            "canManageStudies": "YES", "hasDashboardAccess": "0", "canCreateReports": "1", "npiNumber": "1234567893",
            "middleName": "",
        ])
        let typed = try UserField.typedValues(values, fields: UserField.viewerInvite)
        #expect(
            typed == [
                "email": .text("a@x.org"), "firstName": .text("Ann"), "lastName": .text("Lee"),
                "clinicRole": .text("Radiologist"), "level": .text("member"), "canManageStudies": .bool(true),
                "hasDashboardAccess": .bool(false),
            ])
        #expect(typed.text("email") == "a@x.org" && typed.bool("email") == nil)
        #expect(typed.bool("canManageStudies") == true && typed.text("canManageStudies") == nil)
        let autoScribe = try UserField.typedValues(values, fields: UserField.autoScribeInvite)
        #expect(autoScribe["canCreateReports"] == .bool(true) && autoScribe["npiNumber"] == .text("1234567893"))
    }

    @Test("every required field that is empty and every boolean that is not one, in the fields' order")
    func problems() {
        let error = #expect(throws: FieldProblems.self) {
            try UserField.typedValues(
                FieldValues(["email": "a@x.org", "canManageStudies": "maybe", "level": ""]),
                fields: UserField.autoScribeInvite)
        }
        #expect(
            error?.errors == [
                .required("canCreateReports"),
                RosterFieldError(
                    field: "canManageStudies", message: "must be true or false (or yes/no, 1/0), got \"maybe\""),
                .required("clinicRole"), .required("firstName"), .required("hasDashboardAccess"),
                .required("lastName"), .required("level"),
            ])
    }

    @Test(
        "rows are invited, rejected with every problem (in the API's order), or repeat an earlier invited row's email"
    )
    func steps() throws {
        let text = """
            \(Self.header)
            ann@x.org,Ann,Lee,Radiologist,member,true,true
            bad@x.org,,Lee,Radiologist,member,perhaps,true
            ANN@x.org,Ann,Again,Radiologist,member,true,true
            bad@x.org,Bad,Again,Radiologist,member,true,true,extra
            bad@x.org,Bad,Fixed,Radiologist,member,true,true
            """
        let steps = try Roster(csv: Data(text.utf8), fields: UserField.viewerInvite).steps()
        #expect(steps.count == 5)
        guard case .invite(2, "ann@x.org", let values) = steps[0] else {
            Issue.record("row 2 is not invited: \(steps[0])")
            return
        }
        #expect(values["canManageStudies"] == .bool(true) && values["lastName"] == .text("Lee"))
        #expect(
            steps[1]
                == .rejected(
                    ImportResult(
                        row: 3, email: "bad@x.org", outcome: .rejected,
                        errors: [.notABoolean("canManageStudies", "perhaps"), .required("firstName")])))
        #expect(steps[2] == .repeats(row: 4, email: "ANN@x.org", earlierRow: 2))
        guard case .rejected(let extra) = steps[3] else {
            Issue.record("row 5 is not rejected: \(steps[3])")
            return
        }
        #expect(extra.errorText == "row: has 8 cells but the header has 7 columns")
        // Rows 3 and 5 were rejected: row 6 is the first invite of its email.
        guard case .invite(6, "bad@x.org", _) = steps[4] else {
            Issue.record("row 6 is not invited: \(steps[4])")
            return
        }
    }

    @Test("a repeated row takes the earlier row's user id when it made or found one")
    func repeating() {
        let created = ImportResult(row: 2, email: "a@x.org", outcome: .created, userId: "usr_a")
        let again = ImportResult.repeating(row: 5, email: "A@x.org", earlierRow: 2, earlier: created)
        #expect(
            again
                == ImportResult(
                    row: 5, email: "A@x.org", outcome: .duplicate, userId: "usr_a",
                    errors: [RosterFieldError(field: "email", message: "repeats row 2")]))
        let failed = ImportResult(row: 2, email: "a@x.org", outcome: .failed, userId: "usr_a")
        #expect(ImportResult.repeating(row: 5, email: "a@x.org", earlierRow: 2, earlier: failed).userId == nil)
    }

    @Test("the report has a line per result in the CLI's columns, and the summary counts them")
    func report() throws {
        let results = [
            ImportResult(row: 2, email: "a@x.org", outcome: .created, userId: "usr_a"),
            ImportResult(
                row: 3, email: "b@x.org", outcome: .rejected,
                errors: [.required("firstName"), RosterFieldError(field: "level", message: "must be admin or member")]),
        ]
        #expect(
            ImportReport.csv(results)
                == "row,email,outcome,userId,errors\r\n2,a@x.org,created,usr_a,\r\n"
                + "3,b@x.org,rejected,,firstName: is required; level: must be admin or member\r\n")
        let summary = ImportSummary(results: results, elapsed: .seconds(1), report: "r.csv")
        #expect(summary.created == 1 && summary.rejected == 1 && summary.exitStatus == 2)
    }

    @Test("the report goes beside the roster by default")
    func reportLocation() {
        #expect(
            ImportReport.defaultURL(forRoster: URL(fileURLWithPath: "/data/roster.csv")).path
                == "/data/roster.report.csv")
        #expect(
            ImportReport.defaultURL(forRoster: URL(fileURLWithPath: "/data/staff")).path == "/data/staff.report.csv")
    }
}
