/// How a command that took an idempotency key ended, as the key keeps it: what every retry is answered with.
///
/// The core keeps the outcome, not an answer: each surface renders it in its own format, the first time and on
/// every replay (the HTTP API as its `201`, `200` or problem), so the core never builds a surface's answers and
/// never calls back into one.
package enum IdempotentOutcome: Sendable, Equatable, Codable {
    /// The command succeeded with this user: a new one (an invite), or one whose invitation changed (a resend or a
    /// revoke), as it was at that moment.
    case user(UserRecord)
    /// The invite found its email already a user of the product.
    case emailTaken(Product)
    /// The API key was created. Its secret was shown once and is never kept, so a retry learns which key its
    /// first attempt made instead.
    case keyCreated(APIKeyRecord)
}
