import Foundation

/// The stored form of a queued email: a compact JSON object with millisecond timestamps,
///
/// ```json
/// {"messageId":"inv_….@avara","date":1772357400250,"from":{"address":"invites@avara.local"},
///  "to":{"name":"Sarah Johnson","address":"sarah@example.com"},"productName":"Viewer",…,"expiresAt":1772962200250}
/// ```
///
/// written and read here without `JSONEncoder`/`JSONDecoder`: every invite writes one, on the request path, and
/// the generic coders cost more than the rest of building the invite.
extension QueuedEmail {
    /// The stored form.
    package func payload() -> String {
        var json = JSONObjectWriter()
        if kind != .invitation {
            json.add("kind", kind.rawValue)
        }
        json.add("messageId", messageId)
        json.add("date", milliseconds: date)
        json.add("from", from)
        json.add("to", to)
        json.add("productName", productName)
        json.add("clinicName", clinicName)
        json.add("clinicRole", clinicRole)
        json.add("level", level)
        json.add("acceptURL", acceptURL)
        if let expiresAt {
            json.add("expiresAt", milliseconds: expiresAt)
        }
        return json.finished()
    }

    /// Reads a stored payload back.
    package init(payload: String) throws {
        let object: [String: JSONValue]
        do {
            object = try JSONValue.parseObject(Array(payload.utf8))
        } catch {
            throw PayloadError(reason: error.message)
        }
        let expiresAt: Date? =
            switch object["expiresAt"] {
            case nil, .null?: nil
            default: try Self.date("expiresAt", in: object)
            }
        // Invitations, the first kind, are stored without one.
        var kind = Kind.invitation
        if object["kind"] != nil {
            guard let stored = Kind(rawValue: try Self.string("kind", in: object)) else {
                throw PayloadError(reason: "kind is not one of the kinds of email")
            }
            kind = stored
        }
        self.init(
            kind: kind, messageId: try Self.string("messageId", in: object),
            date: try Self.date("date", in: object),
            from: try Self.address("from", in: object),
            to: try Self.address("to", in: object),
            productName: try Self.string("productName", in: object),
            clinicName: try Self.string("clinicName", in: object),
            clinicRole: try Self.string("clinicRole", in: object),
            level: try Self.string("level", in: object),
            acceptURL: try Self.string("acceptURL", in: object),
            expiresAt: expiresAt
        )
    }

    /// A stored payload that cannot be read.
    package struct PayloadError: Error, CustomStringConvertible {
        package var reason: String
        package var description: String { "unreadable outbox payload: \(reason)" }
    }

    private static func string(_ key: String, in object: [String: JSONValue]) throws -> String {
        guard case .string(let value) = object[key] else { throw PayloadError(reason: "\(key) is not a string") }
        return value
    }

    private static func date(_ key: String, in object: [String: JSONValue]) throws -> Date {
        guard case .number(let milliseconds) = object[key] else { throw PayloadError(reason: "\(key) is not a number") }
        return Date(timeIntervalSince1970: milliseconds / 1000)
    }

    private static func address(_ key: String, in object: [String: JSONValue]) throws -> MailAddress {
        guard case .object(let fields) = object[key] else { throw PayloadError(reason: "\(key) is not an object") }
        let name: String?
        switch fields["name"] {
        case nil, .null?: name = nil
        case .string(let value)?: name = value
        default: throw PayloadError(reason: "\(key).name is not a string")
        }
        return MailAddress(name: name, address: try string("address", in: fields))
    }
}

/// Writes one flat JSON object, member by member.
private struct JSONObjectWriter {
    private var text = "{"

    package mutating func add(_ key: String, _ value: String) {
        member(key)
        Self.appendString(value, to: &text)
    }

    package mutating func add(_ key: String, milliseconds date: Date) {
        member(key)
        text += String(Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    package mutating func add(_ key: String, _ address: MailAddress) {
        member(key)
        var nested = JSONObjectWriter()
        if let name = address.name {
            nested.add("name", name)
        }
        nested.add("address", address.address)
        text += nested.finished()
    }

    package func finished() -> String {
        text + "}"
    }

    private mutating func member(_ key: String) {
        if text.utf8.count > 1 {
            text += ","
        }
        Self.appendString(key, to: &text)
        text += ":"
    }

    /// `value` as a JSON string: quotes, backslashes and control characters escaped, the rest as it is.
    private static func appendString(_ value: String, to text: inout String) {
        text += "\""
        var plainStart = value.utf8.startIndex
        for index in value.utf8.indices {
            let byte = value.utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            text += value[plainStart..<index]
            switch byte {
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case UInt8(ascii: "\n"): text += "\\n"
            case UInt8(ascii: "\r"): text += "\\r"
            case UInt8(ascii: "\t"): text += "\\t"
            default:
                let hex = String(byte, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            plainStart = value.utf8.index(after: index)
        }
        text += value[plainStart...]
        text += "\""
    }
}
