import AvaraCore
import AvaraStorage

extension ServiceEnvironment {
    /// A clinic's API keys over this environment, sharing the process's cache of verified keys.
    package func apiKeyService() -> APIKeyService {
        APIKeyService(
            repository: SQLAPIKeyRepository(store: store), owners: clinics, cache: keyCache, clock: clock,
            random: random, logger: logger
        )
    }
}
