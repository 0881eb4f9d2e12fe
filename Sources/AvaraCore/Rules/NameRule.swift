/// The rules for a name part: firstName, lastName, middleName, suffix1 and suffix2.
package enum NameRule {
    /// The most characters (Swift `Character`s) a name part may have.
    package static let maximumLength = 100

    /// Every rule `name` breaks, as messages; empty when the name is acceptable.
    ///
    /// Control characters (Unicode category Cc, such as line feeds) are refused
    /// because names end up in email headers; format characters (Cf, such as U+202E) because they make a name
    /// display as something else (see ``TextChecks/containsFormatCharacter(_:)``).
    package static func messages(for name: String) -> [String] {
        var messages: [String] = []
        if name.allSatisfy(\.isWhitespace) {
            messages.append("must contain at least one non-whitespace character")
        }
        if name.count > maximumLength {
            messages.append("must be at most \(maximumLength) characters")
        }
        if TextChecks.containsControlCharacter(name) {
            messages.append("must not contain control characters")
        }
        if TextChecks.containsFormatCharacter(name) {
            messages.append("must not contain invisible format characters such as bidi controls")
        }
        return messages
    }
}
