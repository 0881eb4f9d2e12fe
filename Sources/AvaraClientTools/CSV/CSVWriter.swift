import Foundation

/// Writes CSV as RFC 4180 describes it: CRLF line ends, fields quoted when they hold `,`, `"`, CR or LF.
///
/// ```swift
/// var csv = CSVWriter()
/// csv.append(["row", "errors"])
/// csv.append(["2", "email: is not a valid address; level: must be admin or member"])
/// csv.text  // "row,errors\r\n2,email: is not a valid address; level: must be admin or member\r\n"
/// ```
public struct CSVWriter: Sendable {
    /// The records written so far.
    public private(set) var text = ""

    public init() {}

    /// Appends one record.
    public mutating func append(_ fields: [String]) {
        text += fields.map(Self.quoted).joined(separator: ",") + "\r\n"
    }

    /// `field`, quoted when it must be.
    public static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
