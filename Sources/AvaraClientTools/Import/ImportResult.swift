import Avara

/// What happened to one roster row.
public struct ImportResult: Sendable, Equatable {
    /// How a row ended.
    public enum Outcome: String, Sendable, CaseIterable {
        /// The user was created (or had been, by an earlier run of the same roster: the server replayed it).
        case created
        /// The email is already a user of the product in the clinic (or in an earlier row of the roster).
        case duplicate
        /// The row breaks the API's rules; ``ImportResult/errors`` says which.
        case rejected
        /// No answer after the SDK's retries (connection, timeout, server error): import the roster again.
        case failed
    }

    /// The line of the roster the row starts on.
    public var row: Int
    public var email: String
    public var outcome: Outcome
    /// The new user's id (created) or the existing user's (duplicate).
    public var userId: String?
    /// Why the row was rejected or failed (or the duplicate's reason): `field: message` pairs.
    public var errors: [AvaraError.FieldError]

    public init(row: Int, email: String, outcome: Outcome, userId: String? = nil, errors: [AvaraError.FieldError] = []) {
        self.row = row
        self.email = email
        self.outcome = outcome
        self.userId = userId
        self.errors = errors
    }

    /// The errors as one line: `field: message; field: message`.
    public var errorText: String {
        errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
}

/// How many rows ended which way.
public struct ImportTally: Sendable, Equatable {
    public var total: Int
    public private(set) var counts: [ImportResult.Outcome: Int] = [:]

    public init(total: Int) {
        self.total = total
    }

    /// Rows done so far.
    public var done: Int { counts.values.reduce(0, +) }

    public subscript(outcome: ImportResult.Outcome) -> Int { counts[outcome] ?? 0 }

    public mutating func record(_ outcome: ImportResult.Outcome) {
        counts[outcome, default: 0] += 1
    }
}
