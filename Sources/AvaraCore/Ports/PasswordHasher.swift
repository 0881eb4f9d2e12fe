/// Hashes and checks passwords. The service's is bcrypt, in its HTTP target.
package protocol PasswordHasher: Sendable {
    /// The stored form of `password`.
    func hash(_ password: String) async throws -> String
    /// Whether `password` matches the stored `hash`.
    func verify(_ password: String, hash: String) async throws -> Bool
    /// Takes as long as ``verify(_:hash:)`` without checking anything: for an account that does not exist, so that
    /// it answers no faster than a wrong password.
    func verifyNothing(_ password: String) async throws
    /// Runs `check` holding a place for one password check, which its ``verify(_:hash:)`` or
    /// ``verifyNothing(_:)`` uses; when the hasher has no room, throws ``ServiceError/busy(retryAfter:)`` at once,
    /// before `check` does any work (a login flood past the hasher's capacity costs no database work).
    func withCheckReserved<T: Sendable>(_ check: () async throws -> T) async throws -> T
}

extension PasswordHasher {
    /// A hasher without a limit runs `check` as it is.
    package func withCheckReserved<T: Sendable>(_ check: () async throws -> T) async throws -> T {
        try await check()
    }
}

/// The rules a new password must meet.
package enum PasswordRule {
    /// At least this many characters.
    package static let minimumLength = 12
    /// bcrypt reads at most 72 bytes; a longer password would be silently truncated, so it is refused.
    package static let maximumBytes = 72

    /// Every rule `password` breaks, as messages for the person choosing it.
    package static func messages(for password: String) -> [String] {
        var messages: [String] = []
        if password.count < minimumLength {
            messages.append("must have at least \(minimumLength) characters")
        }
        if password.utf8.count > maximumBytes {
            messages.append("must be at most \(maximumBytes) bytes long")
        }
        if hasControlCharacters(password) {
            // bcrypt stops at a NUL: "\0" followed by anything would be stored as the empty password.
            messages.append("must not contain control characters")
        }
        if password.allSatisfy(\.isWhitespace) {
            messages.append("must not be blank")
        }
        return messages
    }

    /// Whether `password` can be checked at login at all: a blank password, or one with a control character (which
    /// bcrypt would cut short at a NUL), never matches, whatever was stored.
    package static func canBeChecked(_ password: String) -> Bool {
        !password.allSatisfy(\.isWhitespace) && !hasControlCharacters(password)
    }

    private static func hasControlCharacters(_ password: String) -> Bool {
        password.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
