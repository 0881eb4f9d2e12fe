import AvaraCore
import AvaraStorage

extension ServiceEnvironment {
    /// A clinic's API keys over this environment.
    package func apiKeyService() -> APIKeyService {
        APIKeyService(repository: SQLAPIKeyRepository(store: store), clock: clock, random: random, logger: logger)
    }
}
