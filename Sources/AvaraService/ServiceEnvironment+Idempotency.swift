import AvaraCore
import AvaraMail
import AvaraStorage

/// The idempotency parts of the service over its environment.
extension ServiceEnvironment {
    /// Kept answers of idempotent requests, in this environment's database.
    package func idempotencyRepository() -> any IdempotencyRepository {
        SQLIdempotencyRepository(store: store)
    }
}
