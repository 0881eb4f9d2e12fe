import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

/// A browser signed in to the dashboard, in a router test: the session's cookie and CSRF token, sent with each
/// request as a browser sends them (with the service's `Origin` on a POST).
///
/// ```swift
/// try await service.app().test(.router) { client in
///     let dashboard = try await DashboardClient.signInOwner(service, client)
///     let page = try await dashboard.get("/dashboard/viewer/users")
/// }
/// ```
struct DashboardClient {
    /// The tests' public URL, as an `Origin`.
    static var origin: String { "https://avara.example.org" }
    static var password: String { "correct horse battery" }

    let client: any TestClientProtocol
    /// `avara_session=…`, for a `Cookie` header.
    let sessionCookie: String
    /// The session's CSRF token, as its pages' forms carry it.
    let csrf: String

    /// Makes `email` an owner of `products` of the service's clinic (as `avara clinics add-owner` does), accepts the
    /// emailed invitation with ``password``, and signs in to the dashboard (the first product's account).
    static func signInOwner(
        _ service: TestService, _ client: any TestClientProtocol, email: String = "olive.owner@acme.test",
        products: [Product] = [.viewer]
    ) async throws -> DashboardClient {
        let before = Set(try AcceptanceSteps.links(service))
        _ = try await service.environment.services.invitations.inviteOwner(
            fields: ["email": .string(email), "firstName": .string("Olive"), "lastName": .string("Owner")],
            products: products, context: .cli(service.clinic))
        try await service.deliverMail()
        let link = try #require(try AcceptanceSteps.links(service).first { !before.contains($0) })
        let accepted = try await AcceptanceSteps.submit(
            String(link.dropFirst(origin.count)), password: password, client)
        try #require(accepted.status == .ok)
        return try await signIn(client, email: email)
    }

    /// Signs in as a browser does: the sign-in page's cookie and token, then the form.
    static func signIn(_ client: any TestClientProtocol, email: String) async throws -> DashboardClient {
        let page = try await client.executeRequest(uri: "/dashboard/sign-in", method: .get, headers: [:], body: nil)
        let signInCookie = try #require(cookie(DashboardSessions.signInCookie, in: page))
        let form =
            "csrf=\(try #require(csrfToken(in: page)))&email=\(AcceptanceSteps.formEncode(email))"
            + "&password=\(AcceptanceSteps.formEncode(password))"
        let signedIn = try await client.executeRequest(
            uri: "/dashboard/sign-in", method: .post,
            headers: [
                .contentType: "application/x-www-form-urlencoded", .cookie: signInCookie, .origin: origin,
            ],
            body: ByteBuffer(string: form))
        try #require(signedIn.status == .seeOther, "sign-in answered \(signedIn.status)")
        let session = try #require(cookie(DashboardSessions.sessionCookie, in: signedIn))
        let profile = try await client.executeRequest(
            uri: "/dashboard/profile", method: .get, headers: [.cookie: session], body: nil)
        return DashboardClient(client: client, sessionCookie: session, csrf: try #require(csrfToken(in: profile)))
    }

    /// `GET path` in the session.
    func get(_ path: String) async throws -> TestResponse {
        try await client.executeRequest(uri: path, method: .get, headers: [.cookie: sessionCookie], body: nil)
    }

    /// `POST path` in the session, from the service's origin unless told otherwise.
    func post(
        _ path: String, contentType: String, body: ByteBuffer, origin: String? = Self.origin
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.cookie: sessionCookie, .contentType: contentType]
        if let origin { headers[.origin] = origin }
        return try await client.executeRequest(uri: path, method: .post, headers: headers, body: body)
    }

    /// `name=value` of the cookie `name` that `response` sets.
    static func cookie(_ name: String, in response: TestResponse) -> String? {
        response.headers[values: .setCookie].lazy.compactMap { header in
            header.split(separator: ";").first.map(String.init)
        }.first { $0.hasPrefix("\(name)=") }
    }

    /// The value of the first `csrf` hidden field of a page.
    static func csrfToken(in page: TestResponse) -> String? {
        String(buffer: page.body).firstMatch(of: /name="csrf" value="([^"]+)"/).map { String($0.1) }
    }
}

/// A `multipart/form-data` body as a browser sends a form: fields, and files with their names.
struct MultipartBody {
    static let boundary = "----AvaraTestBoundary7MA4YWxkTrZu0gW"
    static var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    private(set) var text = ""

    /// Adds a field, or a file when `filename` is given.
    mutating func add(_ name: String, _ value: String, filename: String? = nil) {
        text += "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\""
        if let filename { text += "; filename=\"\(filename)\"\r\nContent-Type: text/csv" }
        text += "\r\n\r\n\(value)\r\n"
    }

    /// The body, closed.
    var buffer: ByteBuffer { ByteBuffer(string: text + "--\(Self.boundary)--\r\n") }
}
