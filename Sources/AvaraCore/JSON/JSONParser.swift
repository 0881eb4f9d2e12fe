/// A strict RFC 8259 parser from bytes to ``JSONValue``.
///
/// Request bodies are parsed once per request, before any rule runs, so this is on the hot path: it works on the
/// raw bytes, without `Codable`'s per-value errors and containers. It reads what `JSONDecoder` reads (tests
/// hold the two together) with two deliberate differences: trailing commas, which `JSONDecoder` tolerates, are
/// not JSON and are refused; a number too small for `Double` reads as 0 instead of failing. It accepts a leading
/// byte order mark, rejects invalid UTF-8, lone surrogates, control characters in strings and numbers beyond
/// `Double`, and stops at ``maximumDepth`` instead of overflowing the stack. An object that repeats a member
/// name is refused (I-JSON, RFC 7493): two parsers could read it differently, one keeping the first value and
/// another the last.
package struct JSONParser {
    /// Deeper nesting is refused.
    package static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0

    /// Parses `bytes` as one JSON value surrounded by optional whitespace.
    package static func parse(_ bytes: [UInt8]) throws(JSONBodyError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw .notJSON }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func parseValue(depth: Int) throws(JSONBodyError) -> JSONValue {
        guard depth < Self.maximumDepth, index < bytes.count else { throw .notJSON }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default: return .number(try parseNumber())
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONBodyError) -> JSONValue {
        index += 1
        var object: [String: JSONValue] = [:]
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(object) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw .notJSON }
            let key = try parseString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw .notJSON }
            skipWhitespace()
            guard object[key] == nil else { throw .duplicateMember(key) }
            object[key] = try parseValue(depth: depth + 1)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            guard consume(UInt8(ascii: "}")) else { throw .notJSON }
            return .object(object)
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONBodyError) -> JSONValue {
        index += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(array) }
        while true {
            skipWhitespace()
            array.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            guard consume(UInt8(ascii: "]")) else { throw .notJSON }
            return .array(array)
        }
    }

    /// A string starting at the opening quote; leaves `index` after the closing one.
    private mutating func parseString() throws(JSONBodyError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try Self.utf8String(bytes[start..<index])
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw .notJSON }
            index += 1
        }
        var decoded = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return try Self.utf8String(decoded[...])
            case UInt8(ascii: "\\"):
                index += 1
                try appendEscape(to: &decoded)
            case ..<0x20:
                throw .notJSON
            default:
                decoded.append(byte)
                index += 1
            }
        }
        throw .notJSON
    }

    /// Decodes the escape after a backslash into UTF-8.
    private mutating func appendEscape(to output: inout [UInt8]) throws(JSONBodyError) {
        guard index < bytes.count else { throw .notJSON }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try hexQuad())
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw .notJSON }
                index += 2
                let low = UInt32(try hexQuad())
                guard (0xDC00...0xDFFF).contains(low) else { throw .notJSON }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw .notJSON
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw .notJSON }
            output.append(contentsOf: String(Character(unicode)).utf8)
        default:
            throw .notJSON
        }
    }

    private mutating func hexQuad() throws(JSONBodyError) -> UInt16 {
        guard index + 4 <= bytes.count else { throw .notJSON }
        var value: UInt16 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .notJSON
            }
            value = value << 4 | UInt16(digit)
        }
        index += 4
        return value
    }

    /// A number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, finite as a `Double`.
    private mutating func parseNumber() throws(JSONBodyError) -> Double {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        guard index < bytes.count else { throw .notJSON }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard skipDigits() > 0 else { throw .notJSON }
        }
        if consume(UInt8(ascii: ".")) {
            guard skipDigits() > 0 else { throw .notJSON }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard skipDigits() > 0 else { throw .notJSON }
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite else {
            throw .notJSON
        }
        return value
    }

    private mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            index += 1
        }
        return index - start
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONBodyError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw .notJSON }
        let matches = literal.withUTF8Buffer { expected in
            bytes[index..<index + count].elementsEqual(expected)
        }
        guard matches else { throw .notJSON }
        index += count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private static func utf8String(_ slice: ArraySlice<UInt8>) throws(JSONBodyError) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else { throw .notJSON }
        return text
    }
}
