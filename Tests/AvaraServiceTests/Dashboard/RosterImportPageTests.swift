import AvaraRoster
import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("Importing a roster in the dashboard")
struct RosterImportPageTests {
    static let header = "email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess,phoneNumber"
    /// Row 2 is created, row 3 a user already, row 4 breaks two of the core's rules, row 5 one of the roster's,
    /// row 6 repeats row 2's email.
    static let roster = """
        \(header)
        new.person@acme.test,New,Person,Radiologist,member,true,false,
        taken@acme.test,Tom,Kay,Radiologist,member,true,true,
        bad@acme.test,Bad,Row,Wizard,member,true,true,12ab
        maybe@acme.test,May,Be,Radiologist,member,perhaps,true,
        NEW.person@acme.test,New,Again,Radiologist,member,true,true,

        """

    /// The upload form's body: the token (unless left out) and the roster as `staff.csv`.
    static func upload(_ roster: String, csrf: String?) -> ByteBuffer {
        var body = MultipartBody()
        if let csrf { body.add("csrf", csrf) }
        body.add("file", roster, filename: "staff.csv")
        return body.buffer
    }

    @Test("each row's outcome is shown with its errors, and the report downloads in the command line's format")
    func importsARoster() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var dashboard = try await DashboardPeople.signedInViewerOwner(service, client)
                let taken = try await service.environment.services.invitations.invite(
                    product: .viewer, fields: InviteBodies.minimal(.viewer, email: "taken@acme.test"),
                    context: .cli(service.clinic))

                let form = try await dashboard.get("/dashboard/viewer/import")
                #expect(form.status == .ok)
                let formHTML = String(buffer: form.body)
                #expect(formHTML.contains(#"enctype="multipart/form-data""#))
                #expect(formHTML.contains(#"name="csrf" value="\#(dashboard.csrf)""#))
                #expect(formHTML.contains(#"href="/dashboard/viewer/import" aria-current="page">Import"#))
                #expect(formHTML.contains("<code>hasDashboardAccess</code>"))

                let page = try await dashboard.post(
                    "/dashboard/viewer/import", contentType: MultipartBody.contentType,
                    body: Self.upload(Self.roster, csrf: dashboard.csrf))
                #expect(page.status == .ok)
                #expect(page.headers[.cacheControl] == "no-store")
                let html = String(buffer: page.body)
                #expect(html.contains("5 rows of staff.csv"))
                for (label, count) in [("Created", 1), ("Duplicate", 2), ("Rejected", 2), ("Failed", 0)] {
                    #expect(html.contains("\(label)</span> <strong>\(count)</strong>"), "\(label): \(count)")
                }
                #expect(html.contains("repeats row 2"))
                #expect(
                    html.contains("canManageStudies: must be true or false (or yes/no, 1/0), got &quot;perhaps&quot;"))
                #expect(html.contains(#"href="/dashboard/viewer/import/report""#))

                let created = try await service.strings(
                    "SELECT user_id FROM users WHERE email = 'new.person@acme.test' AND invited_source = 'dashboard'",
                    column: "user_id")
                #expect(created.count == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 3)

                let report = try await dashboard.get("/dashboard/viewer/import/report")
                #expect(report.status == .ok)
                #expect(report.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(report.headers[.contentDisposition] == #"attachment; filename="staff.report.csv""#)
                #expect(report.headers[.cacheControl] == "no-store")
                let rows = try CSVParser.records(in: Data(buffer: report.body)).map(\.cells)
                #expect(rows.first == ImportReport.columns)
                #expect(rows.dropFirst().map { $0[0] } == ["2", "3", "4", "5", "6"])
                #expect(rows[1] == ["2", "new.person@acme.test", "created", created.first ?? "", ""])
                #expect(
                    rows[2] == [
                        "3", "taken@acme.test", "duplicate", taken.userId,
                        "email: is already used by another Viewer user of this clinic",
                    ])
                #expect(rows[3][2] == "rejected" && rows[3][3] == "")
                let ruleFields = rows[3][4].split(separator: "; ").map { $0.prefix { $0 != ":" } }
                #expect(ruleFields == ["clinicRole", "phoneNumber"], "every field error of the core: \(rows[3][4])")
                #expect(rows[4][2] == "rejected" && rows[4][4].hasPrefix("canManageStudies: must be true or false"))
                #expect(
                    rows[5] == ["6", "NEW.person@acme.test", "duplicate", created.first ?? "", "email: repeats row 2"])
            }
        }
    }

    @Test("an upload without the session's token, or from another origin, is refused and creates nobody")
    func forgedUploads() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var dashboard = try await DashboardPeople.signedInViewerOwner(service, client)
                let withoutToken = try await dashboard.post(
                    "/dashboard/viewer/import", contentType: MultipartBody.contentType,
                    body: Self.upload(Self.roster, csrf: nil))
                #expect(withoutToken.status == .forbidden)
                #expect(String(buffer: withoutToken.body).contains("Request refused"))
                let otherOrigin = try await dashboard.post(
                    "/dashboard/viewer/import", contentType: MultipartBody.contentType,
                    body: Self.upload(Self.roster, csrf: dashboard.csrf), origin: "https://evil.example")
                #expect(otherOrigin.status == .forbidden)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
                // No import ran: no report.
                let report = try await dashboard.get("/dashboard/viewer/import/report")
                #expect(report.status == .notFound)
                #expect(String(buffer: report.body).contains("No report to download"))
            }
        }
    }

    @Test("a bad upload is the form again saying what is wrong with the file")
    func badUploads() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var dashboard = try await DashboardPeople.signedInViewerOwner(service, client)
                func post(
                    _ body: ByteBuffer, contentType: String = MultipartBody.contentType
                ) async throws -> (
                    HTTPResponse.Status, String
                ) {
                    let response = try await dashboard.post(
                        "/dashboard/viewer/import", contentType: contentType, body: body)
                    return (response.status, String(buffer: response.body))
                }
                var noFile = MultipartBody()
                noFile.add("csrf", dashboard.csrf)
                noFile.add("file", "", filename: "")
                let cases: [(ByteBuffer, String, HTTPResponse.Status, String)] = [
                    (noFile.buffer, MultipartBody.contentType, .unprocessableContent, "is missing"),
                    (
                        Self.upload("email,firstname\n", csrf: dashboard.csrf), MultipartBody.contentType,
                        .unprocessableContent, "unknown column &quot;firstname&quot; (did you mean firstName?)"
                    ),
                    (
                        Self.upload(Self.header + "\n", csrf: dashboard.csrf), MultipartBody.contentType,
                        .unprocessableContent, "has a header but no rows"
                    ),
                    (
                        ByteBuffer(string: "csrf=\(dashboard.csrf)"), "application/x-www-form-urlencoded", .badRequest,
                        "could not be read"
                    ),
                    (
                        ByteBuffer(string: "--\(MultipartBody.boundary)\r\nContent-Disposition: form-data"),
                        MultipartBody.contentType, .badRequest, "could not be read"
                    ),
                    (
                        Self.upload(String(repeating: "x", count: 2 * 1024 * 1024 + 1), csrf: dashboard.csrf),
                        MultipartBody.contentType, .contentTooLarge, "is larger than 2 MiB"
                    ),
                ]
                for (body, contentType, status, message) in cases {
                    let (answered, html) = try await post(body, contentType: contentType)
                    #expect(answered == status, "\(message)")
                    #expect(html.contains(#"<p class="error" id="file-error">Roster file "#), "\(message)")
                    #expect(html.contains(message), "\(message)")
                    #expect(html.contains(#"id="error-summary""#))
                }
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
            }
        }
    }

    @Test("a roster of 1,000 rows is imported in one upload")
    func thousandRows() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var dashboard = try await DashboardPeople.signedInViewerOwner(service, client)
                let rows = (1...1000).map { "user\($0)@acme.test,User,Number \($0),Radiologist,member,yes,no," }
                let page = try await dashboard.post(
                    "/dashboard/viewer/import", contentType: MultipartBody.contentType,
                    body: Self.upload(([Self.header] + rows).joined(separator: "\r\n"), csrf: dashboard.csrf))
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("Created</span> <strong>1000</strong>"))
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1001)
            }
        }
    }
}
