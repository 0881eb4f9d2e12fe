import Avara
import AvaraClientTools
import AvaraRoster
import Foundation
import Testing

@Suite("Idempotency keys of roster rows")
struct ImportIdempotencyKeyTests {
    static let header = "email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess"

    /// The key of every row of `csv`, imported into Viewer.
    private func keys(_ csv: String) throws -> [String] {
        let roster = try Roster(csv: Data(csv.utf8), fields: Viewer.inviteFields)
        return try roster.rows.map { row in
            ImportIdempotencyKey.key(product: "viewer", params: try Viewer.inviteParams(from: row.values))
        }
    }

    @Test("a row's key depends on its values, not on its place, the columns' order, spaces or how booleans are spelled")
    func stablePerContent() throws {
        let first = try keys(
            "\(Self.header)\na@x.org,Ann,Lee,Radiologist,member,true,true\nb@x.org,Bo,Li,Nurse,member,false,true\n")
        let reordered = try keys(
            "hasDashboardAccess,canManageStudies,level,clinicRole,lastName,firstName,email\n"
                + "yes,0,member,Nurse,Li,Bo,b@x.org\n1, TRUE ,member,Radiologist,Lee,Ann,a@x.org\n"
        )
        #expect(first[0] == reordered[1])
        #expect(first[1] == reordered[0])
        #expect(first[0] != first[1])
        #expect(first[0].wholeMatch(of: /avara-import-[0-9a-f]{64}/) != nil)
    }

    @Test("a changed value or another product gives another key")
    func changes() throws {
        let keys = try keys(
            "\(Self.header)\na@x.org,Ann,Lee,Radiologist,member,true,true\na@x.org,Anne,Lee,Radiologist,member,true,true\n"
        )
        #expect(keys[0] != keys[1])
        let params = Viewer.UserInviteParams(
            canManageStudies: true, clinicRole: .radiologist, email: "a@x.org", firstName: "Ann",
            hasDashboardAccess: true, lastName: "Lee", level: .member
        )
        #expect(ImportIdempotencyKey.key(product: "viewer", params: params) == keys[0])
        #expect(ImportIdempotencyKey.key(product: "autoScribe", params: params) != keys[0])
    }
}
