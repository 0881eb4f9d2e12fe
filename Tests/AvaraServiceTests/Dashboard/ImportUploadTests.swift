import AvaraRoster
import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("The import page's upload and its report, alone")
struct ImportUploadTests {
    private func form(_ text: String, boundary: String = "b0und") throws -> MultipartForm {
        try MultipartForm(Array(text.utf8), boundary: boundary)
    }

    @Test("a form's fields and file are read by name, the file's name without its folders")
    func parts() throws {
        let text =
            "preamble\r\n--b0und\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
            + "--b0und\r\ncontent-disposition: form-data; name=\"file\"; filename=\"C:\\\\staff\\\\a;b.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\nemail\r\na@x.org\r\n\r\n--b0und--\r\n"
        let form = try form(text)
        #expect(form["csrf"]?.text == "tok" && form["csrf"]?.filename == nil)
        #expect(form["file"]?.filename == "a;b.csv")
        #expect(form["file"]?.text == "email\r\na@x.org\r\n")
        #expect(form["other"] == nil)
    }

    @Test(
        "a body that is not a form's multipart body is unreadable, never a crash",
        arguments: [
            "", "--b0und", "--b0und\r\n", "--b0und\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
            "--b0und\r\nContent-Type: text/plain\r\n\r\nx\r\n--b0und--",
            "--b0und\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b0und--",
            "no boundary at all", "--b0undX",
        ])
    func unreadable(text: String) {
        #expect(throws: MultipartForm.Unreadable.self) { try form(text) }
    }

    @Test("too many parts are refused")
    func tooManyParts() {
        let part = "--b0und\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n"
        #expect(throws: MultipartForm.Unreadable.self) {
            try form(String(repeating: part, count: MultipartForm.maxParts + 1) + "--b0und--")
        }
    }

    @Test("the boundary of a multipart/form-data content type, quoted or not")
    func boundaries() {
        #expect(MultipartForm.boundary(of: "multipart/form-data; boundary=----WebKit12") == "----WebKit12")
        #expect(MultipartForm.boundary(of: "Multipart/Form-Data;boundary=\"a b\"; charset=utf-8") == "a b")
        #expect(MultipartForm.boundary(of: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm.boundary(of: "multipart/form-data") == nil)
        #expect(MultipartForm.boundary(of: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
        #expect(MultipartForm.boundary(of: nil) == nil)
    }

    @Test("a session's report is kept for 30 minutes, for its product, and replaced by its next import")
    func reportsExpire() async {
        let clock = TestClock()
        let reports = ImportReports(clock: clock)
        await reports.keep("row\r\n", rosterName: "Staff list (2026).CSV", product: .viewer, session: "s1")
        #expect(await reports.report(session: "s1", product: .viewer)?.filename == "Staff_list__2026_.report.csv")
        #expect(await reports.report(session: "s1", product: .autoScribe) == nil)
        #expect(await reports.report(session: "s2", product: .viewer) == nil)
        clock.advance(by: 29 * 60)
        await reports.keep("second\r\n", rosterName: nil, product: .viewer, session: "s1")
        clock.advance(by: 29 * 60)
        let report = await reports.report(session: "s1", product: .viewer)
        #expect(report?.csv == "second\r\n" && report?.filename == "roster.report.csv")
        clock.advance(by: 2 * 60)
        #expect(await reports.report(session: "s1", product: .viewer) == nil)
    }

    @Test("at most so many reports are kept: the oldest go first")
    func reportsAreBounded() async {
        let clock = TestClock()
        let reports = ImportReports(clock: clock)
        for session in 0...ImportReports.capacity {
            await reports.keep("r", rosterName: nil, product: .viewer, session: "s\(session)")
            clock.advance(by: 1)
        }
        #expect(await reports.report(session: "s0", product: .viewer) == nil)
        #expect(await reports.report(session: "s1", product: .viewer) != nil)
        #expect(await reports.report(session: "s\(ImportReports.capacity)", product: .viewer) != nil)
    }

    @Test("a row's typed values are the invite's JSON fields")
    func json() {
        #expect(
            RosterInvites.json(["email": .text("a@x.org"), "canManageStudies": .bool(false)])
                == ["email": .string("a@x.org"), "canManageStudies": .bool(false)])
    }
}
