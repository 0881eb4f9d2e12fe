import AvaraCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET` and `POST /invitations/{token}`: the acceptance page and the form it posts.
struct InvitationRoutes: Sendable {
    let acceptance: AcceptanceService

    func add(to router: Router<AvaraRequestContext>) {
        router.get("/invitations/:token") { _, context in
            let token = try context.parameters.require("token")
            return switch try await acceptance.lookup(token: token) {
            case .open(let invitation): Self.page(.ok, InvitationPages.form(invitation))
            case .closed(let reason): Self.page(Self.status(for: reason), InvitationPages.closed(reason))
            }
        }
        router.post("/invitations/:token") { request, context in
            let token = try context.parameters.require("token")
            let body = try await request.body.collect(upTo: 16 * 1024)
            let form = AcceptanceForm(body: String(buffer: body))
            let outcome = try await acceptance.accept(
                token: token, password: form.password ?? "", confirmation: form.confirmation ?? "",
                requestId: context.requestId, clientAddress: context.clientAddress
            )
            return switch outcome {
            case .accepted(let invitation): Self.page(.ok, InvitationPages.accepted(invitation))
            case .rejectedPassword(let invitation, let errors):
                Self.page(.unprocessableContent, InvitationPages.form(invitation, errors: errors))
            case .closed(let reason): Self.page(Self.status(for: reason), InvitationPages.closed(reason))
            }
        }
    }

    /// 404 for a link that never worked, 403 for a deactivated user's, 410 for one that did.
    static func status(for reason: AcceptanceService.ClosedReason) -> HTTPResponse.Status {
        switch reason {
        case .unknown: .notFound
        case .deactivated: .forbidden
        case .expired, .revoked, .used: .gone
        }
    }

    /// An HTML page that no cache keeps, no frame shows and no other site learns the link of.
    static func page(_ status: HTTPResponse.Status, _ html: String) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                HTTPField.Name("Referrer-Policy")!: "no-referrer",
                HTTPField.Name("X-Frame-Options")!: "DENY",
                HTTPField.Name("Content-Security-Policy")!:
                    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}

/// The fields the acceptance form posts (`application/x-www-form-urlencoded`), read by Hummingbird's
/// `URLEncodedFormDecoder`. A body it cannot read (a broken percent-escape, a field sent as a list) has no fields: the
/// page answers as for an empty form, asking for the password again, rather than with an error page.
struct AcceptanceForm: Decodable {
    var password: String?
    var confirmation: String?

    init(body: String) {
        self = (try? URLEncodedFormDecoder().decode(Self.self, from: body)) ?? Self()
    }

    private init() {}
}
