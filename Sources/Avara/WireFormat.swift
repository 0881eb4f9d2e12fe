import Foundation

/// The API's JSON: camelCase keys, RFC 3339 timestamps in UTC with or without fractional seconds.
enum WireFormat {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = (try? withFractionalSeconds.parse(text)) ?? (try? wholeSeconds.parse(text)) {
                return date
            }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(text) is not an RFC 3339 timestamp"
            )
        }
        return decoder
    }

    /// `value` as indented JSON with sorted keys, for `description`s.
    static func prettyDescription(of value: some Encodable) -> String {
        let encoder = encoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return String(describing: type(of: value)) }
        return String(decoding: data, as: UTF8.self)
    }

    /// `date` as the API writes instants, and as the server reads them: RFC 3339 in UTC with milliseconds, rounded to
    /// the nearest (Foundation's formatter truncates, which would write a `since` read as `.300` as `.299`).
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var (seconds, millisecond) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        if millisecond < 0 { (seconds, millisecond) = (seconds - 1, millisecond + 1000) }
        var text = Date(timeIntervalSince1970: Double(seconds)).formatted(Date.ISO8601FormatStyle())  // …T09:30:00Z
        text.removeLast()
        let digits = String(millisecond)
        return text + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    private static let withFractionalSeconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSeconds = Date.ISO8601FormatStyle()
}
