import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// An HTTP receiver of webhooks on loopback: it keeps every request and answers with the statuses it is told,
/// one per request (the last one for all after it).
public final class WebhookReceiver: Sendable {
    /// One request received.
    public struct Received: Sendable {
        public var headers: HTTPFields
        public var body: [UInt8]
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
        }

        /// Every header, by its lower-case name, as a webhook library takes them.
        public var headerValues: [String: String] {
            Dictionary(headers.map { ($0.name.canonicalName, $0.value) }) { first, _ in first }
        }

        /// The value of the header `name` (lower case).
        public func header(_ name: String) -> String? {
            headers.first { $0.name.canonicalName == name }?.value
        }
    }

    public init() {}

    private let state = Mutex((answers: [HTTPResponse.Status.noContent], received: [Received]()))

    /// Requests received so far, oldest first.
    public var received: [Received] { state.withLock { $0.received } }

    /// Answers `statuses` to the next requests, in turn, and the last one to every request after them.
    public func answer(_ statuses: HTTPResponse.Status...) {
        state.withLock { $0.answers = statuses }
    }

    /// Runs `body` with the receiver listening, given its port.
    public func run(_ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let status = self.state.withLock { state in
                state.received.append(Received(headers: request.headers, body: Array(buffer: bytes)))
                return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
            }
            return Response(status: status)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(client.port ?? 0)
        }
    }

    /// Whether `received` carries a valid Standard Webhooks signature by `secret`.
    public static func verifies(_ received: Received, secret: String) -> Bool {
        guard let id = received.header("webhook-id"), let timestamp = received.header("webhook-timestamp"),
            let signatures = received.header("webhook-signature"),
            let key = Data(base64Encoded: String(secret.dropFirst("whsec_".count)))
        else { return false }
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array("\(id).\(timestamp).".utf8) + received.body, using: SymmetricKey(data: key))
        let expected = "v1," + Data(mac).base64EncodedString()
        return signatures.split(separator: " ").contains { $0 == expected }
    }
}
