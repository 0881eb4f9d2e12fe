import AvaraRoster
import Foundation
import Testing

@Suite("Rosters: header checks and rows as fields")
struct RosterTests {
    static let header = "email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess"

    private func roster(_ text: String, fields: [UserField] = UserField.viewerInvite) throws -> Roster {
        try Roster(csv: Data(text.utf8), fields: fields)
    }

    @Test("cells are trimmed, empty cells are absent, the row is the line it starts on")
    func rows() throws {
        let roster = try roster("\(Self.header),middleName\n a@x.org ,Ann,Lee,Radiologist,member,true,false,\n")
        let row = try #require(roster.rows.first)
        #expect(row.line == 2)
        #expect(row.values["email"] == "a@x.org")
        #expect(row.values["middleName"] == nil)
        #expect(row.problems.isEmpty)
    }

    @Test("a row with more cells than the header has a problem; fewer cells are absent fields")
    func cellCounts() throws {
        let roster = try roster("\(Self.header)\na@x.org,Ann,Lee,Radiologist,member,true,false,extra\nb@x.org,Bo\n")
        #expect(roster.rows[0].problems == [.init(field: "row", message: "has 8 cells but the header has 7 columns")])
        #expect(roster.rows[1].problems.isEmpty)
        #expect(roster.rows[1].values.values == ["email": "b@x.org", "firstName": "Bo"])
    }

    @Test("an unknown column is refused, with the field it probably means")
    func unknownColumn() throws {
        let error = #expect(throws: RosterError.self) { try roster("email,firstname\n") }
        #expect(error?.message.contains("unknown column \"firstname\" (did you mean firstName?)") == true)
        #expect(error?.message.contains("no column lastName (required)") == true)
    }

    @Test("a column named twice is refused; AutoScribe's columns are not Viewer's")
    func duplicateAndProductColumns() throws {
        #expect(throws: RosterError.self) { try roster("\(Self.header),email\n") }
        #expect(throws: RosterError.self) { try roster("\(Self.header),npiNumber\n") }
        let autoScribe = try roster(
            "\(Self.header),canCreateReports,npiNumber\n", fields: UserField.autoScribeInvite
        )
        #expect(autoScribe.rows.isEmpty)
    }

    @Test("an empty file and broken CSV are refused")
    func unreadable() throws {
        #expect(throws: RosterError.self) { try roster("") }
        #expect(throws: RosterError.self) { try roster("\(Self.header)\n\"a@x.org,\n") }
    }
}
