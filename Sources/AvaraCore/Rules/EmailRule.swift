/// The rules for an email address: a deliberately simple, conservative syntax check.
package enum EmailRule {
    /// The most characters an address may have.
    package static let maximumLength = 254
    /// The most characters the part before "@" may have.
    package static let maximumLocalPartLength = 64

    /// Every rule `email` breaks, as messages; empty when the address is acceptable.
    package static func messages(for email: String) -> [String] {
        var messages: [String] = []
        if email.count > maximumLength {
            messages.append("must be at most \(maximumLength) characters")
        }
        if TextChecks.containsWhitespace(email) || TextChecks.containsControlCharacter(email) {
            messages.append("must not contain whitespace or control characters")
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            messages.append("must contain exactly one \"@\"")
            return messages
        }
        messages += localPartMessages(for: parts[0])
        messages += domainMessages(for: parts[1])
        return messages
    }

    /// The rules the part before "@" breaks.
    private static func localPartMessages(for localPart: Substring) -> [String] {
        if localPart.isEmpty {
            return ["must have at least one character before \"@\""]
        }
        if localPart.count > maximumLocalPartLength {
            return ["must have at most \(maximumLocalPartLength) characters before \"@\""]
        }
        return []
    }

    /// The rules the part after "@" breaks.
    private static func domainMessages(for domain: Substring) -> [String] {
        guard domain.contains(".") else {
            return ["must have a domain containing a dot after \"@\""]
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.contains(where: \.isEmpty) {
            return ["must not have an empty domain label (a leading, trailing or doubled dot)"]
        }
        return []
    }
}
