import Avara
import AvaraClientTools
import Foundation

/// How the key commands print keys, whether they read the database (`avara keys`) or call the API
/// (`avara api-keys`): a table, or JSON with the API's names.
enum KeyOutput {
    static let columns = ["keyId", "name", "prefix", "createdAt", "lastUsedAt", "revokedAt", "createdByKeyId"]

    /// `keys` as a table, or one line of JSON (an array).
    static func print(_ keys: [APIKey], json: Bool) throws {
        if json {
            Swift.print(String(decoding: try OutputJSON.encode(keys), as: UTF8.self))
            return
        }
        let rows = keys.map { key in
            [key.keyId, key.name, key.prefix, TimestampText.text(key.createdAt)]
                + [key.lastUsedAt, key.revokedAt].map { $0.map(TimestampText.text) ?? "-" } + [
                    key.createdByKeyId ?? "-"
                ]
        }
        Swift.print(TextTable(header: columns, rows: rows).text, terminator: "")
    }

    /// A new key with its secret, shown once.
    static func print(created key: CreatedAPIKey, json: Bool) throws {
        if json {
            Swift.print(String(decoding: try OutputJSON.encode(key), as: UTF8.self))
            return
        }
        Swift.print(
            "Created API key \"\(key.name)\" (\(key.keyId))" + (key.createdByKeyId.map { " with key \($0)." } ?? "."))
        if let secret = key.key {
            Swift.print("The key (shown only once; store it now):")
            Swift.print("    \(secret)")
        } else {
            Swift.print("The key was created by an earlier attempt of this request; its secret cannot be shown again.")
        }
    }
}
