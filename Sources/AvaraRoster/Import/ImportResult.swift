/// What happened to one roster row.
package struct ImportResult: Sendable, Equatable {
    /// How a row ended.
    package enum Outcome: String, Sendable, CaseIterable {
        /// The user was created (or had been, by an earlier run of the same roster: the server replayed it).
        case created
        /// The email is already a user of the product in the clinic (or in an earlier row of the roster).
        case duplicate
        /// The row breaks the API's rules; ``ImportResult/errors`` says which.
        case rejected
        /// No answer after the SDK's retries (connection, timeout, server error), or an error of the server's own:
        /// import the roster again.
        case failed
    }

    /// The line of the roster the row starts on.
    package var row: Int
    package var email: String
    package var outcome: Outcome
    /// The new user's id (created) or the existing user's (duplicate).
    package var userId: String?
    /// Why the row was rejected or failed (or the duplicate's reason): `field: message` pairs.
    package var errors: [RosterFieldError]

    package init(row: Int, email: String, outcome: Outcome, userId: String? = nil, errors: [RosterFieldError] = []) {
        self.row = row
        self.email = email
        self.outcome = outcome
        self.userId = userId
        self.errors = errors
    }

    /// The errors as one line: `field: message; field: message`.
    package var errorText: String {
        errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
}

/// How many rows ended which way.
package struct ImportTally: Sendable, Equatable {
    package var total: Int
    package private(set) var counts: [ImportResult.Outcome: Int] = [:]

    package init(total: Int) {
        self.total = total
    }

    /// Rows done so far.
    package var done: Int { counts.values.reduce(0, +) }

    package subscript(outcome: ImportResult.Outcome) -> Int { counts[outcome] ?? 0 }

    package mutating func record(_ outcome: ImportResult.Outcome) {
        counts[outcome, default: 0] += 1
    }
}
