import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

/// A browser of the dashboard in router tests: it keeps the cookies the service sets, sends the `Origin` of the
/// tests' public URL with each POST, and reads the CSRF token of the page it last loaded.
struct DashboardBrowser {
    static let origin = "https://avara.example.org"
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The `csrf` hidden field of the last page loaded.
    var csrf = ""

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    /// `GET path`, keeping the cookies it sets and the page's CSRF token.
    @discardableResult
    mutating func get(_ path: String) async throws -> TestResponse {
        let response = try await client.executeRequest(uri: path, method: .get, headers: headers(), body: nil)
        keep(response)
        return response
    }

    /// `POST path` with `fields` form-encoded, and the page's CSRF token unless `csrf` is given.
    @discardableResult
    mutating func post(
        _ path: String, _ fields: [(String, String)], csrf: String? = nil, origin: String? = DashboardBrowser.origin
    ) async throws -> TestResponse {
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let origin { headers[.origin] = origin }
        let all = [("csrf", csrf ?? self.csrf)] + fields
        let body = all.map { "\($0.0)=\(AcceptanceSteps.formEncode($0.1))" }.joined(separator: "&")
        let response = try await client.executeRequest(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// `POST path` with a body of its own (a multipart upload), from the service's origin unless told otherwise.
    @discardableResult
    mutating func post(
        _ path: String, contentType: String, body: ByteBuffer, origin: String? = DashboardBrowser.origin
    ) async throws -> TestResponse {
        var headers = headers()
        headers[.contentType] = contentType
        if let origin { headers[.origin] = origin }
        let response = try await client.executeRequest(uri: path, method: .post, headers: headers, body: body)
        keep(response)
        return response
    }

    /// Signs in as `email` with ``DashboardPeople/password``, consuming the browser: the sign-in's answer (`303` when
    /// it opened a session).
    func signingIn(_ email: String) async throws -> TestResponse {
        var browser = self
        return try await browser.signIn(email, DashboardPeople.password)
    }

    /// Signs in with `email` and `password` through the sign-in page.
    @discardableResult
    mutating func signIn(_ email: String, _ password: String) async throws -> TestResponse {
        try await get("/dashboard/sign-in")
        return try await post("/dashboard/sign-in", [("email", email), ("password", password)])
    }

    private func headers() -> HTTPFields {
        var headers = HTTPFields()
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        return headers
    }

    private mutating func keep(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard let name = pair.first.map(String.init) else { continue }
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let html = String(buffer: response.body)
        if let match = html.firstMatch(of: /name="csrf" value="([^"]*)"/) { csrf = String(match.1) }
    }
}

/// The dashboard's people in router tests: an owner made as `avara clinics create --owner-*` makes them, who accepted
/// the emailed invitation.
enum DashboardPeople {
    static let password = "correct horse battery"

    /// Makes the clinic's owner (of both products unless told otherwise), accepts the emailed invitation, and
    /// answers the owner's user ids.
    @discardableResult
    static func owner(
        _ service: TestService, _ client: some TestClientProtocol, email: String = "olive.owner@acme.test",
        products: [Product] = Product.allCases
    ) async throws -> [Product: String] {
        try await service.deliverMail()
        let owners = try await service.environment.services.invitations.inviteOwner(
            fields: ["email": .string(email), "firstName": "Olive", "lastName": "Owner"], products: products,
            context: .cli(service.clinic))
        let before = Set(try AcceptanceSteps.links(service))
        try await service.deliverMail()
        let links = try AcceptanceSteps.links(service).filter { !before.contains($0) }
        try #require(links.count == 1)
        let path = String(links[0].dropFirst(DashboardBrowser.origin.count))
        #expect(try await AcceptanceSteps.submit(path, password: password, client).status == .ok)
        return Dictionary(uniqueKeysWithValues: owners.map { ($0.product, $0.userId) })
    }

    /// The clinic's owner of Viewer alone (``owner(_:_:email:products:)``), signed in on its profile page: the
    /// browser holds the session's cookie and CSRF token.
    static func signedInViewerOwner(
        _ service: TestService, _ client: some TestClientProtocol
    ) async throws -> DashboardBrowser {
        try await owner(service, client, products: [.viewer])
        var browser = DashboardBrowser(client)
        let signedIn = try await browser.signIn("olive.owner@acme.test", password)
        try #require(signedIn.status == .seeOther, "sign-in answered \(signedIn.status)")
        try await browser.get("/dashboard/profile")
        return browser
    }

    /// Invites a user of `product` through the API (dashboard access unless told otherwise) who accepts.
    static func user(
        _ product: Product, _ service: TestService, _ client: some TestClientProtocol, email: String,
        level: String = "member", dashboard: Bool = true
    ) async throws -> String {
        // Mail queued before (by the tests' other commands) goes out first: the new link is then this user's.
        try await service.deliverMail()
        var body = InviteBodies.minimal(product, email: email)
        body["hasDashboardAccess"] = .bool(dashboard)
        body["level"] = .string(level)
        let response = try await client.invite(product, body, key: service.apiKey)
        try #require(response.status == .created)
        let userId = try #require(try response.json()["userId"] as? String)
        let before = Set(try AcceptanceSteps.links(service))
        try await service.deliverMail()
        let link = try #require(try AcceptanceSteps.links(service).first { !before.contains($0) })
        let path = String(link.dropFirst(DashboardBrowser.origin.count))
        #expect(try await AcceptanceSteps.submit(path, password: password, client).status == .ok)
        return userId
    }
}
