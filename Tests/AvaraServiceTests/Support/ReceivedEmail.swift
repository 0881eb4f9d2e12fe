import Foundation
import Testing

/// An RFC 5322 message as a mail client reads it: unfolded headers and decoded MIME parts.
///
/// Deliberately independent of the service's own rendering code, so that tests check what a reader sees.
struct ReceivedEmail {
    var headers: [(name: String, value: String)]
    /// Decoded text of each part, by content type (`text/plain`, `text/html`).
    var parts: [String: String]

    init(_ raw: String) throws {
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let sections = normalized.components(separatedBy: "\n\n")
        headers = Self.headers(sections[0])
        parts = [:]
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value ?? ""
        let boundaryMatch = try #require(contentType.firstMatch(of: /boundary="([^"]+)"/), "no MIME boundary")
        let boundary = "--" + String(boundaryMatch.1)
        let body = sections.dropFirst().joined(separator: "\n\n")
        for chunk in body.components(separatedBy: boundary).dropFirst() where !chunk.hasPrefix("--") {
            let partSections = chunk.trimmingPrefix("\n").components(separatedBy: "\n\n")
            let partHeaders = Self.headers(partSections[0])
            let type =
                partHeaders.first { $0.name.lowercased() == "content-type" }?.value
                .split(separator: ";").first.map(String.init) ?? ""
            let content = partSections.dropFirst().joined(separator: "\n\n")
            let encoding = partHeaders.first { $0.name.lowercased() == "content-transfer-encoding" }?.value
            parts[type] = encoding == "quoted-printable" ? Self.decodeQuotedPrintable(content) : content
        }
    }

    /// The value of the first header named `name` (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { parts["text/plain"] ?? "" }
    var html: String { parts["text/html"] ?? "" }

    /// The acceptance link in the plain-text part.
    func acceptLink(base: String) throws -> String {
        let escaped = NSRegularExpression.escapedPattern(for: base)
        let regex = try Regex("\(escaped)/invitations/[A-Za-z0-9_-]+")
        let match = try #require(text.firstMatch(of: regex), "no acceptance link in:\n\(text)")
        return String(text[match.range])
    }

    private static func headers(_ block: String) -> [(name: String, value: String)] {
        var unfolded: [String] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if !line.isEmpty {
                unfolded.append(String(line))
            }
        }
        return unfolded.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    private static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
                let value = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
