import Avara
import AvaraClientTools
import AvaraRoster
import Foundation
import Synchronization
import Testing

/// Answers the SDK's requests from a script, as the server would, and keeps what it was sent.
final class ScriptedTransport: AvaraTransport {
    let requests = Mutex<[HTTPRequestData]>([])
    private let answer: @Sendable (HTTPRequestData) -> HTTPResponseData

    init(answer: @escaping @Sendable (HTTPRequestData) -> HTTPResponseData) {
        self.answer = answer
    }

    func send(_ request: HTTPRequestData) async throws -> HTTPResponseData {
        requests.withLock { $0.append(request) }
        return answer(request)
    }

    /// A JSON answer.
    static func json(_ status: Int, _ body: String) -> HTTPResponseData {
        HTTPResponseData(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }

    /// A Viewer user with this email and id, as the API writes it.
    static func user(_ email: String, id: String) -> String {
        #"{"canManageStudies":true,"clinicRole":"Radiologist","email":"\#(email)","firstName":"A","hasDashboardAccess":true,"invitedSource":"api","lastLoginAt":null,"lastName":"B","level":"member","userId":"\#(id)"}"#
    }
}

@Suite("Importing a roster: outcomes, keys and the report")
struct RosterImportTests {
    static let header = "email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess"

    /// A server that knows `taken@x.org` (usr_taken), refuses `bad@x.org` with a field error, fails for
    /// `down@x.org`, and creates everyone else as usr_<local part>.
    static func server() -> ScriptedTransport {
        ScriptedTransport { request in
            if request.method == "GET" {
                return ScriptedTransport.json(
                    200,
                    #"{"data":[\#(ScriptedTransport.user("taken@x.org", id: "usr_taken"))],"hasMore":false,"nextCursor":null}"#
                )
            }
            let body = String(decoding: request.body ?? Data(), as: UTF8.self)
            let email = body.firstMatch(of: /"email":"([^"]+)"/).map { String($0.1) } ?? ""
            switch email {
            case "taken@x.org":
                return ScriptedTransport.json(
                    409,
                    #"{"status":409,"title":"Email already invited","detail":"taken@x.org is already a Viewer user of this clinic","errors":[{"field":"email","message":"is already a user of Viewer in this clinic"}]}"#
                )
            case "bad@x.org":
                return ScriptedTransport.json(
                    422,
                    #"{"status":422,"title":"Invalid request body","errors":[{"field":"clinicRole","message":"must be one of Viewer's clinic roles"}]}"#
                )
            case "down@x.org":
                return ScriptedTransport.json(
                    503, #"{"status":503,"title":"Service Unavailable","detail":"try later"}"#)
            default:
                return ScriptedTransport.json(
                    201, ScriptedTransport.user(email, id: "usr_" + email.prefix { $0 != "@" }))
            }
        }
    }

    static let roster = """
        \(header)
        ann@x.org,Ann,Lee,Radiologist,member,true,true
        taken@x.org,Tom,Kay,Radiologist,member,true,true
        bad@x.org,Bad,Role,Wizard,member,true,true
        nobool@x.org,No,Bool,Radiologist,member,perhaps,true
        ANN@x.org,Ann,Again,Radiologist,member,true,true
        down@x.org,Dee,Own,Radiologist,member,true,true

        ,Nomail,Person,Radiologist,member,true,true
        """

    private func run(concurrency: Int) async throws -> (results: [ImportResult], transport: ScriptedTransport) {
        let transport = Self.server()
        var configuration = AvaraClient.Configuration()
        configuration.retry.maxRetries = 0
        let client = AvaraClient(apiKey: "avk_test", configuration: configuration, transport: transport)
        let roster = try Roster(csv: Data(Self.roster.utf8), fields: Viewer.inviteFields)
        var tallies: [ImportTally] = []
        let results = await RosterImport(users: client.viewer.users, concurrency: concurrency)
            .run(roster) { tallies.append($0) }
        #expect(tallies.map(\.done) == Array(1...7))
        return (results, transport)
    }

    @Test("each row ends created, duplicate, rejected or failed, in the roster's order", arguments: [1, 3, 8])
    func outcomes(concurrency: Int) async throws {
        let (results, transport) = try await run(concurrency: concurrency)
        #expect(results.map(\.row) == [2, 3, 4, 5, 6, 7, 9])
        #expect(results.map(\.outcome) == [.created, .duplicate, .rejected, .rejected, .duplicate, .failed, .rejected])
        #expect(results[0].userId == "usr_ann")
        #expect(results[1].userId == "usr_taken", "a duplicate reports the existing user, looked up by email")
        #expect(results[2].errorText == "clinicRole: must be one of Viewer's clinic roles")
        #expect(results[3].errorText == "canManageStudies: must be true or false (or yes/no, 1/0), got \"perhaps\"")
        #expect(results[4].userId == "usr_ann" && results[4].errorText == "email: repeats row 2")
        #expect(results[5].errorText == "request: 503 Service Unavailable: try later")
        #expect(results[6].errorText == "email: is required")
        // Only the four rows that can be invites are sent, plus one lookup for the duplicate.
        let posts = transport.requests.withLock { $0.filter { $0.method == "POST" } }
        #expect(posts.count == 4)
        #expect(Set(posts.compactMap { $0.headers["Idempotency-Key"] }).count == 4)
    }

    @Test("the same roster imported again sends the same idempotency keys and gives the same report")
    func rerun() async throws {
        let first = try await run(concurrency: 4)
        let second = try await run(concurrency: 2)
        #expect(ImportReport.csv(first.results) == ImportReport.csv(second.results))
        let keys = { (transport: ScriptedTransport) in
            Set(transport.requests.withLock { $0.compactMap { $0.headers["Idempotency-Key"] } })
        }
        #expect(keys(first.transport) == keys(second.transport))
    }

    @Test("the report is CSV with a line per row; the summary counts them and picks the exit status")
    func report() async throws {
        let (results, _) = try await run(concurrency: 8)
        let lines = ImportReport.csv(results).components(separatedBy: "\r\n")
        #expect(lines[0] == "row,email,outcome,userId,errors")
        #expect(lines[1] == "2,ann@x.org,created,usr_ann,")
        #expect(lines[2] == "3,taken@x.org,duplicate,usr_taken,email: is already a user of Viewer in this clinic")
        #expect(
            lines[4]
                == "5,nobool@x.org,rejected,,\"canManageStudies: must be true or false (or yes/no, 1/0), got \"\"perhaps\"\"\""
        )
        #expect(lines.count == 9 && lines[8] == "")

        let summary = ImportSummary(results: results, elapsed: .seconds(2), report: "r.report.csv")
        #expect(
            summary.text
                == "7 rows: 1 created, 2 duplicate, 3 rejected, 1 failed in 2.0 s (4 rows/s); report: r.report.csv")
        #expect(summary.exitStatus == 3)
        #expect(ImportSummary(results: Array(results.prefix(3)), elapsed: .seconds(1), report: "").exitStatus == 2)
        #expect(ImportSummary(results: Array(results.prefix(2)), elapsed: .seconds(1), report: "").exitStatus == 0)
    }
}
