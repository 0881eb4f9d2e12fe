import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("SMTP transport failures without an SMTP server")
struct SMTPFailureTests {
    /// A plain `smtp://127.0.0.1:port` configuration; the timeouts are generous, so that a loaded machine (the
    /// whole PostgreSQL run shares two cores) does not turn a prompt reply into a timeout. The test of the
    /// timeout sets its own.
    private func configuration(port: Int, replyTimeout: Duration = .seconds(30)) throws -> SMTPConfiguration {
        SMTPConfiguration(
            server: try SMTPServerURL("smtp://127.0.0.1:\(port)"), envelopeSender: "invites@acme.example",
            connectTimeout: .seconds(30), replyTimeout: replyTimeout
        )
    }

    @Test("a refused connection is a transient failure")
    func connectionRefused() async throws {
        let port = try await SilentTCPServer.closedPort()
        let transport = SMTPTransport(configuration: try configuration(port: port), logger: quietLogger())
        let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
        #expect(error.kind == .transient)
        #expect(error.reason.contains("could not connect to SMTP server 127.0.0.1:\(port)"), "\(error.reason)")
        #expect(
            error.clinicReason == "the mail server could not be reached; it is retried",
            "no relay or port for the clinic")
    }

    @Test("a server that never answers times out as a transient failure")
    func silentServer() async throws {
        try await SilentTCPServer.with(greeting: "") { port in
            let configuration = try configuration(port: port, replyTimeout: .milliseconds(500))
            let transport = SMTPTransport(configuration: configuration, logger: quietLogger())
            let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
            #expect(error.kind == .transient)
            #expect(
                error.reason.contains("did not answer the connection (greeting) within 0.5 seconds"), "\(error.reason)")
        }
    }

    @Test("a server that stops answering after its greeting times out on the next reply")
    func stallsAfterGreeting() async throws {
        try await SilentTCPServer.with(greeting: "220 smtp.example ESMTP\r\n") { port in
            // Time enough for the greeting on a loaded machine, not so much that the test waits long for the EHLO.
            let configuration = try configuration(port: port, replyTimeout: .seconds(5))
            let transport = SMTPTransport(configuration: configuration, logger: quietLogger())
            let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
            #expect(error.kind == .transient)
            #expect(error.reason.contains("did not answer EHLO [127.0.0.1]"), "\(error.reason)")
        }
    }

    @Test("a server that is not an SMTP server is a transient protocol failure")
    func notSMTP() async throws {
        try await SilentTCPServer.with(greeting: "HTTP/1.1 400 Bad Request\r\n\r\n") { port in
            let transport = SMTPTransport(configuration: try configuration(port: port), logger: quietLogger())
            let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
            #expect(error.kind == .transient)
            #expect(error.reason.contains("not an SMTP reply"), "\(error.reason)")
        }
    }

    @Test("a server that refuses service in its greeting (554) is a permanent failure")
    func refusedGreeting() async throws {
        try await SilentTCPServer.with(greeting: "554 5.7.1 No SMTP service here\r\n") { port in
            let transport = SMTPTransport(configuration: try configuration(port: port), logger: quietLogger())
            let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
            #expect(error.kind == .permanent)
            #expect(error.reason.contains("554 5.7.1 No SMTP service here"), "\(error.reason)")
        }
    }

    @Test("a CA file that cannot be read fails every delivery transiently, naming the file")
    func unreadableCAFile() async throws {
        var configuration = try configuration(port: 25)
        configuration.trustRootsFile = "/nonexistent/ca.pem"
        let transport = SMTPTransport(configuration: configuration, logger: quietLogger())
        let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
        #expect(error.kind == .transient)
        #expect(error.reason.contains("/nonexistent/ca.pem"), "\(error.reason)")
    }
}
