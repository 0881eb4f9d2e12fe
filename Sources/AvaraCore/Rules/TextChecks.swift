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

    /// Whether `text` contains whitespace (the Unicode White_Space property).
    package static func containsWhitespace(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isWhitespace }
    }
}
