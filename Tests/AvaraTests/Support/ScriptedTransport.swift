import Avara
import Foundation
import Synchronization

/// A transport that plays a script of failures before (or instead of) passing requests to a real transport,
/// and records every request it saw.
final class ScriptedTransport: AvaraTransport {
    /// What to do with one request.
    enum Step: Sendable {
        /// Pass it to the real transport.
        case forward
        /// Pass it on, then pretend the answer never came (the server did the work; the client timed out).
        case forwardThenTimeOut
        /// Answer without reaching the server.
        case respond(status: Int, headers: [String: String] = [:], body: String = "")
        /// Fail as a broken connection, without reaching the server.
        case refuseConnection
    }

    private let next: any AvaraTransport
    private let state: Mutex<(steps: [Step], requests: [HTTPRequestData])>

    /// - Parameters:
    ///   - steps: One step per request, in order; requests beyond the script are forwarded.
    ///   - next: The real transport.
    init(_ steps: [Step], next: any AvaraTransport = NIOHTTPTransport()) {
        self.next = next
        self.state = Mutex((steps, []))
    }

    /// Every request sent so far.
    var requests: [HTTPRequestData] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequestData) async throws -> HTTPResponseData {
        let step = state.withLock { state -> Step in
            state.requests.append(request)
            return state.steps.isEmpty ? .forward : state.steps.removeFirst()
        }
        switch step {
        case .forward:
            return try await next.send(request)
        case .forwardThenTimeOut:
            _ = try await next.send(request)
            throw AvaraError(transportFailure: .timeout, detail: "scripted timeout")
        case .respond(let status, let headers, let body):
            return HTTPResponseData(status: status, headers: headers, body: Data(body.utf8))
        case .refuseConnection:
            throw AvaraError(transportFailure: .connection, detail: "scripted refusal")
        }
    }
}
