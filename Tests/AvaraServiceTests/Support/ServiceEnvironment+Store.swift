@testable import AvaraService
@testable import AvaraStorage

extension ServiceEnvironment {
    /// This environment with its repositories over `store` instead: the same database through another pool, e.g.
    /// one with a shorter deadline.
    func over(_ store: any DatabaseStore) -> ServiceEnvironment {
        ServiceEnvironment(
            configuration: configuration, store: store, clock: clock, random: random, logger: logger,
            templates: templates, passwordPool: passwordPool, passwordCost: passwordCost,
            secretBox: secretBox, hostResolver: hostResolver
        )
    }
}
