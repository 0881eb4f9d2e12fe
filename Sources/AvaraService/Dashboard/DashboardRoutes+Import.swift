import AvaraCore
import AvaraRoster
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Importing a roster: the upload form, the import of every row through the core (``RosterInvites``), the results
/// page, and the report's download (``ImportReports``). The roster is the CSV of `avara users import`, read by the
/// same code (``Roster``), with the same rules.
extension DashboardRoutes {
    /// The largest roster the page takes: 2 MiB.
    static let maxRosterBytes = 2 * 1024 * 1024
    /// The most rows of one import from the page (the CLI takes any number).
    static let maxRosterRows = 5000

    @Sendable func importPage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        try Permissions.checkAdministers(
            product, in: signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress))
        return importForm(signedIn, product: product, error: nil, request: request)
    }

    func importRoster(
        _ request: Request, context: AvaraRequestContext, reports: ImportReports
    ) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        func refused(_ message: String, _ status: HTTPResponse.Status) -> Response {
            importForm(signedIn, product: product, error: message, request: request, status: status)
        }
        let upload: MultipartForm
        do {
            // Room for the form's other part and the parts' headers.
            upload = try await sessions.upload(request, of: signedIn, limit: Self.maxRosterBytes + 16 * 1024)
        } catch DashboardSessions.UploadProblem.tooLarge {
            return refused("is larger than 2 MiB: split it into smaller files.", .contentTooLarge)
        } catch DashboardSessions.UploadProblem.unreadable {
            return refused("could not be read from the upload. Choose the file again and import it.", .badRequest)
        }
        let commandContext = signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress)
        try Permissions.checkAdministers(product, in: commandContext)
        guard let file = upload["file"], !file.body.isEmpty else {
            return refused("is missing: choose a CSV file to import.", .unprocessableContent)
        }
        guard file.body.count <= Self.maxRosterBytes else {
            return refused("is larger than 2 MiB: split it into smaller files.", .contentTooLarge)
        }
        let roster: Roster
        do throws(RosterError) {
            roster = try Roster(csv: Data(file.body), fields: ImportView.fields(of: product))
        } catch {
            return refused("cannot be imported: \(error.message).", .unprocessableContent)
        }
        guard !roster.rows.isEmpty else {
            return refused("has a header but no rows: add a row for each user to invite.", .unprocessableContent)
        }
        guard roster.rows.count <= Self.maxRosterRows else {
            return refused(
                "has \(roster.rows.count) rows; the dashboard imports at most \(Self.maxRosterRows) at a time: split it "
                    + "into smaller files, or import it with `avara \(product.pathComponent) users import`.",
                .contentTooLarge)
        }
        let results = await RosterInvites(
            invitations: services.invitations, users: services.users, product: product, context: commandContext,
            logger: context.logger
        ).run(roster)
        await reports.keep(
            ImportReport.csv(results), rosterName: file.filename, product: product,
            session: signedIn.session.sessionHash)
        var values = importFrame(signedIn, product: product, request: request)
        values["counts"] = ImportView.counts(results)
        values["rowCount"] = results.count == 1 ? "1 row" : "\(results.count) rows"
        values["rows"] = results.map { ImportView.row($0, product: product) }
        values["fileName"] = file.filename ?? ""
        return pages.page("import-results", values)
    }

    func importReport(
        _ request: Request, context: AvaraRequestContext, reports: ImportReports
    ) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        try Permissions.checkAdministers(
            product, in: signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress))
        guard let report = await reports.report(session: signedIn.session.sessionHash, product: product) else {
            var values = importFrame(signedIn, product: product, request: request)
            values.merge([
                "heading": "No report to download",
                "text":
                    "The report of an import is kept for 30 minutes after it, for the session that ran it. Import the roster again to see its outcome: users it created are reported as duplicates.",
                "link": ["href": "/dashboard/\(product.pathComponent)/import", "label": "Import a roster"],
            ]) { $1 }
            return pages.page("message", values, status: .notFound)
        }
        var response = Response(
            status: .ok, headers: DashboardPages.headers, body: .init(byteBuffer: ByteBuffer(string: report.csv)))
        response.headers[.contentType] = "text/csv; charset=utf-8"
        response.headers[.contentDisposition] = "attachment; filename=\"\(report.filename)\""
        return response
    }

    /// The upload form, with `error` (about the file) when the last upload was refused.
    private func importForm(
        _ signedIn: SignedIn, product: Product, error: String?, request: Request, status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = importFrame(signedIn, product: product, request: request)
        values["columns"] = ImportView.columns(of: product)
        values["exampleHeader"] = ImportView.exampleHeader(of: product)
        values["maxRows"] = Self.maxRosterRows
        if let error {
            values["error"] = error
            values.merge(ErrorSummary.values([FieldError(field: "file", message: error)]) { _ in "Roster file" }) {
                $1
            }
        }
        return pages.page("import", values, status: status)
    }

    /// ``frame(_:current:request:)`` with the navigation's Import link as the current page.
    private func importFrame(_ signedIn: SignedIn, product: Product, request: Request) -> [String: Any] {
        var values = frame(signedIn, current: "import", request: request)
        var nav = values["nav"] as? [String: Any] ?? [:]
        nav["onImport"] = true
        values["nav"] = nav
        values["productPath"] = product.pathComponent
        values["productName"] = product.displayName
        return values
    }
}
