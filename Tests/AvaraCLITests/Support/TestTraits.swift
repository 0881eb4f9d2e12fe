import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only where `scripts/test` started the SMTP test servers (`AVARA_TEST_SMTP_*`).
    static var smtpTestServer: Self {
        .enabled(
            if: ProcessInfo.processInfo.environment["AVARA_TEST_SMTP_PORT"] != nil,
            "SMTP test server not configured (AVARA_TEST_SMTP_* unset): run scripts/test, which starts it"
        )
    }
}

/// The plain SMTP test server of `scripts/test`.
enum PlainSMTPServer {
    /// Its port, and the folder where it writes each message it receives (`.eml`, with a `.json` envelope).
    static func current() throws -> (port: String, mailFolder: URL) {
        let environment = ProcessInfo.processInfo.environment
        let port = try #require(environment["AVARA_TEST_SMTP_PORT"])
        let folder = URL(fileURLWithPath: try #require(environment["AVARA_TEST_SMTP_MAIL_DIR"])).appendingPathComponent(
            "plain")
        return (port, folder)
    }
}
