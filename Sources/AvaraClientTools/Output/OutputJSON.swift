import Foundation

/// What `--json` prints: one line of JSON with sorted keys and millisecond timestamps, the way the API writes it.
package enum OutputJSON {
    /// `value` (a user, an API key, a list of them) as the API would write it.
    package static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(TimestampText.text(date))
        }
        return try encoder.encode(value)
    }
}
