import Avara
import AvaraClientTools
import AvaraRoster
import Foundation
import Testing

@Suite("Tables, JSON and progress for the terminal")
struct OutputTests {
    static let user = Viewer.User(
        profile: Viewer.UserInviteParams(
            canManageStudies: true, clinicRole: .radiologist, email: "a@x.org", firstName: "Ann",
            hasDashboardAccess: false, lastName: "Lee", level: .member, suffix1: "MD"
        ),
        createdAt: Date(timeIntervalSince1970: 1_795_611_912.345), invitationEmail: InvitationEmail(status: .sent),
        invitationStatus: .pending, invitedSource: .api, lastLoginAt: nil,
        userId: "usr_0123456789abcdef0123456789abcdef"
    )

    @Test("timestamps are written to the nearest millisecond, like the API")
    func timestamps() {
        #expect(TimestampText.text(Date(timeIntervalSince1970: 1_795_611_912.345)) == "2026-11-25T13:05:12.345Z")
        #expect(TimestampText.text(Date(timeIntervalSince1970: 0.9996)) == "1970-01-01T00:00:01.000Z")
    }

    @Test("a user's JSON has the API's names, sorted keys and millisecond timestamps; absent fields are left out")
    func json() throws {
        let text = String(decoding: try OutputJSON.encode(Self.user), as: UTF8.self)
        #expect(
            text.hasPrefix(
                #"{"active":true,"canManageStudies":true,"clinicRole":"Radiologist","createdAt":"2026-11-25T13:05:12.345Z","email":"a@x.org""#
            ))
        #expect(!text.contains("lastLoginAt"))
        #expect(!text.contains("\n"))
    }

    @Test("a user's table lists every field it has, the id and the name first")
    func detailTable() throws {
        let lines = try PrintableUser(Self.user).detailTable.text.split(separator: "\n")
        #expect(lines.first == "field                   value")
        #expect(lines[1] == "userId                  usr_0123456789abcdef0123456789abcdef")
        #expect(lines[2] == "email                   a@x.org")
        #expect(lines.contains("canManageStudies        true"))
        #expect(lines.contains("createdAt               2026-11-25T13:05:12.345Z"))
        #expect(!lines.contains { $0.hasPrefix("lastLoginAt") })
    }

    @Test("a list's table has one aligned line per user, the full name, and - for what is absent")
    func listTable() throws {
        var other = Self.user
        other.userId = "usr_b"
        other.invitationStatus = nil
        other.invitationEmail = nil
        let text = PrintableUser.listTable([try PrintableUser(Self.user), try PrintableUser(other)]).text
        let lines = text.split(separator: "\n")
        #expect(
            lines[0]
                == "userId                                email    name         level   clinicRole   invitationStatus  invitationEmail.status  createdAt"
        )
        #expect(
            lines[1]
                == "usr_0123456789abcdef0123456789abcdef  a@x.org  Ann Lee, MD  member  Radiologist  pending           sent                    2026-11-25T13:05:12.345Z"
        )
        #expect(lines[2].hasPrefix("usr_b ") && lines[2].contains("Radiologist  -                 -  "))
    }

    @Test("a failed invitation email shows with its reason, under dotted names")
    func failedEmail() throws {
        var user = Self.user
        user.invitationEmail = InvitationEmail(status: .failed, reason: "550 5.1.1 no such mailbox")
        let lines = try PrintableUser(user).detailTable.text.split(separator: "\n")
        let status = try #require(lines.firstIndex { $0.hasPrefix("invitationEmail.status ") })
        #expect(lines[status].hasSuffix(" failed"))
        #expect(lines[status + 1].wholeMatch(of: /invitationEmail\.reason\s+550 5\.1\.1 no such mailbox/) != nil)
        #expect(lines[status - 1].hasPrefix("invitationStatus "))
    }

    @Test("the progress bar fills with the rows done and shows every count")
    func progressBar() {
        var tally = ImportTally(total: 4)
        tally.record(.created)
        tally.record(.rejected)
        let line = ProgressBar(width: 10).line(tally, elapsed: .seconds(2))
        #expect(line == "[#####-----] 2/4  created 1  duplicate 0  rejected 1  failed 0  1 rows/s")
    }
}
