import Foundation

/// A user's fields as text, the way the API names and writes them: what tables show and `--json` prints.
package struct PrintableUser: Sendable, Equatable {
    /// Every field the user has, by its API name; booleans as `true`/`false`, timestamps as RFC 3339 in UTC with
    /// milliseconds; the members of an object field under dotted names (`invitationEmail.status`). Fields without
    /// a value are absent.
    package var fields: [String: String]

    /// The record of `user` (any product's user).
    package init(_ user: some Encodable) throws {
        let object = try JSONDecoder().decode([String: Scalar].self, from: try OutputJSON.encode(user))
        fields = [:]
        for (name, value) in object {
            if case .object(let members) = value {
                for (member, value) in members { fields["\(name).\(member)"] = value.text }
            } else {
                fields[name] = value.text
            }
        }
    }

    package subscript(name: String) -> String? { fields[name] }

    /// The name as a person reads it: first, middle and last name, then the suffixes.
    package var name: String {
        let parts = ["firstName", "middleName", "lastName"].compactMap { fields[$0] }.joined(separator: " ")
        let suffixes = ["suffix1", "suffix2"].compactMap { fields[$0] }
        return ([parts] + suffixes).joined(separator: ", ")
    }

    /// A JSON value of a user: every field of a user is one of these (an object only at the top level).
    private indirect enum Scalar: Decodable {
        case null
        case text(String)
        case bool(Bool)
        case number(Double)
        case object([String: Scalar])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let object = try? container.decode([String: Scalar].self) {
                self = .object(object)
            } else if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        var text: String? {
            switch self {
            case .null: nil
            case .text(let text): text
            case .bool(let bool): bool ? "true" : "false"
            case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
            case .object: nil
            }
        }
    }
}
