import Foundation

/// One record of a CSV file: its cells and where it starts.
package struct CSVRecord: Sendable, Equatable {
    /// The record's number, counting from 1 (a header is record 1).
    package var number: Int
    /// The line of the file the record starts on, counting from 1 (differs from ``number`` after quoted line breaks).
    package var line: Int
    package var cells: [String]

    package init(number: Int, line: Int, cells: [String]) {
        self.number = number
        self.line = line
        self.cells = cells
    }
}

/// A CSV file that cannot be read.
package struct CSVError: Error, Equatable, CustomStringConvertible {
    /// The line where the problem is.
    package var line: Int
    package var message: String

    package init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    package var description: String { "line \(line): \(message)" }
}

/// Reads CSV as RFC 4180 writes it, and as spreadsheets export it.
///
/// - Fields are separated by `,`; records end with CRLF, LF or a lone CR; the last record may lack one.
/// - A field in double quotes may hold commas, line breaks and doubled quotes (`""` is one `"`).
/// - A UTF-8 byte order mark at the start is skipped; the text must be UTF-8.
///
/// ```swift
/// let records = try CSVParser.records(in: Data("email,firstName\n\"a@x.org\",\"Ann, Jr\"\n".utf8))
/// // records[1].cells == ["a@x.org", "Ann, Jr"]
/// ```
///
/// It works on bytes, not `Character`s: in Swift `"\r\n"` is one `Character`.
package enum CSVParser {
    /// Every record of `data`, with blank lines left out.
    ///
    /// - Throws: ``CSVError`` for text that is not UTF-8, a quote left open at the end, or characters after a
    ///   closing quote.
    package static func records(in data: Data) throws -> [CSVRecord] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw CSVError(line: 1, message: "the file is not UTF-8 text")
        }
        var scanner = Scanner(bytes: bytes)
        return try scanner.records()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        /// Whether `byte` ends an unquoted field: a comma or a line break.
        private static func endsField(_ byte: UInt8) -> Bool {
            byte == comma || byte == cr || byte == lf
        }

        mutating func records() throws -> [CSVRecord] {
            var records: [CSVRecord] = []
            var number = 0
            while index < bytes.count {
                let startLine = line
                let cells = try record()
                if cells == [""] { continue }  // a blank line
                number += 1
                records.append(CSVRecord(number: number, line: startLine, cells: cells))
            }
            return records
        }

        /// The cells up to and including the end of the record.
        private mutating func record() throws -> [String] {
            var cells: [String] = []
            while true {
                cells.append(try field())
                guard index < bytes.count else { return cells }
                let byte = bytes[index]
                index += 1
                if byte == Self.comma { continue }
                // A line break: CR, LF or CRLF.
                if byte == Self.cr, index < bytes.count, bytes[index] == Self.lf { index += 1 }
                line += 1
                return cells
            }
        }

        /// One field, stopping before the comma or line break that ends it.
        private mutating func field() throws -> String {
            guard index < bytes.count, bytes[index] == Self.quote else {
                let start = index
                while index < bytes.count, !Self.endsField(bytes[index]) {
                    index += 1
                }
                return String(decoding: bytes[start..<index], as: UTF8.self)
            }
            let openedOn = line
            index += 1
            var value: [UInt8] = []
            while true {
                guard index < bytes.count else {
                    throw CSVError(line: openedOn, message: "a quoted field is not closed")
                }
                let byte = bytes[index]
                index += 1
                if byte == Self.quote {
                    if index < bytes.count, bytes[index] == Self.quote {
                        value.append(Self.quote)
                        index += 1
                        continue
                    }
                    guard index == bytes.count || Self.endsField(bytes[index]) else {
                        throw CSVError(line: line, message: "unexpected text after a closing quote")
                    }
                    return String(decoding: value, as: UTF8.self)
                }
                if byte == Self.lf || (byte == Self.cr && (index == bytes.count || bytes[index] != Self.lf)) {
                    line += 1
                }
                value.append(byte)
            }
        }
    }
}
