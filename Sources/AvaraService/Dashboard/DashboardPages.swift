import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// The dashboard's Mustache templates (`Dashboard/Templates/`, one per page, sharing `layout`), parsed once when
/// the router is built, and the headers of every page they render.
///
/// `{{value}}` escapes HTML (``DashboardHTMLContentType``), so text a user typed (a name like `<img src=x onerror=alert(1)>`)
/// shows as text.
struct DashboardPages: Sendable {
    private let library: MustacheLibrary

    /// The built-in templates.
    ///
    /// - Throws: when one is missing or does not parse: the service does not start without its pages.
    static func load() throws -> DashboardPages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw DashboardTemplateError("the dashboard's templates are missing from the service's resources")
        }
        DashboardHTMLContentType.register()
        var templates: [String: MustacheTemplate] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".mustache")
        }
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
        }
        return DashboardPages(library: MustacheLibrary(templates: templates))
    }

    /// The page `template` renders with `values`, with `status` and the dashboard's headers.
    func page(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(values, withTemplate: template) ?? ""
        var response = Response(
            status: status, headers: Self.headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.contentType] = "text/html; charset=utf-8"
        return response
    }

    /// No cache keeps a page (they hold personal data), no frame shows one, no script runs but the binary's own
    /// stylesheet's, no form posts elsewhere.
    static let headers: HTTPFields = [
        .cacheControl: "no-store",
        .referrerPolicy: "same-origin",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Content-Security-Policy")!:
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ]

    /// A redirect after a form (303, so the browser follows with a GET).
    static func redirect(to location: String) -> Response {
        var response = Response(status: .seeOther, headers: headers)
        response.headers[.location] = location
        return response
    }
}

/// A dashboard template that cannot be used.
struct DashboardTemplateError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension HTTPField.Name {
    /// `Referrer-Policy`: what other sites learn of the page a link on it was followed from.
    static var referrerPolicy: Self { Self("Referrer-Policy")! }
}
