import Foundation

/// Writes CSV as RFC 4180 describes it: CRLF line ends, fields quoted when they hold `,`, `"`, CR or LF.
///
/// ```swift
/// var csv = CSVWriter()
/// csv.append(["row", "errors"])
/// csv.append(["2", "email: is not a valid address; level: must be admin or member"])
/// csv.text  // "row,errors\r\n2,email: is not a valid address; level: must be admin or member\r\n"
/// ```
package struct CSVWriter: Sendable {
    /// The records written so far.
    package private(set) var text = ""
    /// Whether a field a spreadsheet would run as a formula is written with a leading `'` (see
    /// ``neutralized(_:)``).
    package let neutralizesFormulas: Bool

    /// - Parameter neutralizesFormulas: For a file people open in a spreadsheet, with cells that came from
    ///   elsewhere (a roster, the server's messages): see ``neutralized(_:)``.
    package init(neutralizesFormulas: Bool = false) {
        self.neutralizesFormulas = neutralizesFormulas
    }

    /// Appends one record.
    package mutating func append(_ fields: [String]) {
        let fields = neutralizesFormulas ? fields.map(Self.neutralized) : fields
        text += fields.map(Self.quoted).joined(separator: ",") + "\r\n"
    }

    /// `field` with a leading `'` when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, which
    /// spreadsheets take for a formula (OWASP's advice against CSV injection): `=HYPERLINK(…)` in a roster's email
    /// column must reach whoever opens the report as text.
    package static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        return "'" + field
    }

    /// `field`, quoted when it must be.
    package static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
