import Foundation

/// A message as an SMTP test server (`scripts/smtp-test-server.py`) received it: the envelope and session, from the
/// `.json` file it writes per message, and the content, from the `.eml` beside it.
package struct ReceivedSMTPMessage: Decodable, Sendable {
    package var server: String
    package var mailFrom: String
    package var mailOptions: [String]
    package var rcptTos: [String]
    /// The name the client gave in EHLO or HELO.
    package var helo: String
    /// Whether the client said EHLO (false: HELO).
    package var esmtp: Bool
    package var tls: Bool
    package var authMechanism: String?
    package var authUser: String?
    /// The message exactly as received, after the server removed the dot-stuffing.
    package var content = ""

    private enum CodingKeys: String, CodingKey {
        case server, mailFrom, mailOptions, rcptTos, helo, esmtp, tls, authMechanism, authUser
    }
}

/// The folder an SMTP test server writes the messages it receives into.
package enum SMTPMailFolder {
    /// The messages in `folder` with `recipient` among their envelope recipients, in the order they arrived.
    package static func received(in folder: URL, for recipient: String) throws -> [ReceivedSMTPMessage] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            let base = folder.appendingPathComponent(String(name.dropLast(".json".count)))
            var message = try JSONDecoder().decode(
                ReceivedSMTPMessage.self, from: Data(contentsOf: base.appendingPathExtension("json"))
            )
            guard message.rcptTos.contains(recipient) else { return nil }
            message.content = try String(contentsOf: base.appendingPathExtension("eml"), encoding: .utf8)
            return message
        }
    }

    /// The messages for `recipient` once `folder` holds at least `count` of them; what is there after 30 seconds
    /// otherwise (fewer than `count`).
    package static func waitForMessages(
        _ count: Int, for recipient: String, in folder: URL
    ) async throws -> [ReceivedSMTPMessage] {
        var found: [ReceivedSMTPMessage] = []
        for _ in 0..<600 {
            found = try received(in: folder, for: recipient)
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        return found
    }
}
