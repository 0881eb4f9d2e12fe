/// Character-class checks shared by the field rules.
package enum TextChecks {
    /// Whether `text` is made only of the ASCII digits 0-9 and has a length in `lengths`.
    package static func isASCIIDigits(_ text: String, lengths: ClosedRange<Int>) -> Bool {
        lengths.contains(text.utf8.count)
            && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// Whether `text` contains a control character (Unicode general category Cc),
    /// such as a line feed, carriage return or tab.
    package static func containsControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Whether `text` contains an invisible format character (Unicode general category Cf): a bidi control such as
    /// U+202E, which makes a name read backwards in a list or an email, a zero-width space, a soft hyphen.
    ///
    /// The zero-width non-joiner and joiner (U+200C, U+200D) are allowed: Persian and Indic names are spelled with
    /// them, and they reorder nothing.
    package static func containsFormatCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            $0.properties.generalCategory == .format && $0.value != 0x200C && $0.value != 0x200D
        }
    }

    /// An error for each of `fields` whose text has a control character: what ``ServiceError/malformed(_:)``
    /// names for a search filter or a login email, which no rule could read.
    package static func controlCharacterErrors(_ fields: [(name: String, text: String?)]) -> [FieldError] {
        fields.compactMap { field in
            guard let text = field.text, containsControlCharacter(text) else { return nil }
            return FieldError(field: field.name, message: "must not contain control characters")
        }
    }

    /// Whether `text` contains whitespace (the Unicode White_Space property).
    package static func containsWhitespace(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isWhitespace }
    }
}
