/// The rule for a phone number: 10 to 15 ASCII digits and nothing else.
package enum PhoneNumberRule {
    /// The allowed number of digits.
    package static let digitCount = 10...15

    /// Every rule `phoneNumber` breaks, as messages; empty when it is acceptable.
    package static func messages(for phoneNumber: String) -> [String] {
        if TextChecks.isASCIIDigits(phoneNumber, lengths: digitCount) {
            return []
        }
        return ["must be 10-15 digits (0-9 only, no \"+\", spaces or punctuation)"]
    }
}
