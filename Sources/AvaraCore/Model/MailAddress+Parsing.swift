import AvaraSupport
import Foundation

extension MailAddress {
    /// Parses a sender as an operator writes it: `Name <address>`, `"Name" <address>`, `<address>` or a bare
    /// `address`.
    ///
    /// ```swift
    /// try MailAddress(parsing: "Acme Imaging <invites@acme.example>")  // name "Acme Imaging"
    /// try MailAddress(parsing: "invites@acme.example")                 // no name
    /// ```
    ///
    /// The address must be a plain `local@domain` (dot-atom local part, a domain of letters, digits, hyphens and
    /// dots, or an address literal in brackets), at most 254 characters; the name must have no control characters.
    ///
    /// - Parameter option: how the setting is named in error messages.
    /// - Throws: ``ConfigurationError`` saying what is wrong.
    package init(parsing text: String, option: String = "--mail-from/AVARA_MAIL_FROM") throws(ConfigurationError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let example = "\"Avara <no-reply@clinic.example>\" or no-reply@clinic.example"
        var name: String?
        var address = trimmed
        if let open = trimmed.lastIndex(of: "<") {
            guard trimmed.hasSuffix(">") else {
                throw ConfigurationError(
                    "\(option) must be like \(example): \"<\" without a closing \">\" in \"\(text)\"")
            }
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var display = trimmed[..<open].trimmingCharacters(in: .whitespacesAndNewlines)
            if display.count >= 2, display.hasPrefix("\""), display.hasSuffix("\"") {
                display = String(display.dropFirst().dropLast())
                    .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            }
            guard !display.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ConfigurationError(
                    "\(option): the display name must not contain control characters or line breaks")
            }
            name = display.isEmpty ? nil : display
        }
        guard Self.isPlainAddress(address) else {
            throw ConfigurationError("\(option) must be like \(example); \"\(address)\" is not a valid email address")
        }
        self.init(name: name, address: address)
    }

    /// Whether `address` is a `local@domain` that is safe in a header and in `MAIL FROM:<…>`.
    package static func isPlainAddress(_ address: String) -> Bool {
        guard address.utf8.count <= 254, let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        let atext = Set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".unicodeScalars)
        let localAtoms = local.split(separator: ".", omittingEmptySubsequences: false)
        guard local.utf8.count <= 64,
            localAtoms.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(atext.contains) })
        else { return false }
        if domain.hasPrefix("["), domain.hasSuffix("]") {
            let literal = domain.dropFirst().dropLast()
            return !literal.isEmpty
                && literal.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "." || $0 == ":" }
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "-" }
        }
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: false
        }
    }
}
