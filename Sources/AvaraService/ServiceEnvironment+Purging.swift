import AvaraCore
import AvaraStorage

/// What the service deletes in the background, over its environment.
extension ServiceEnvironment {
    /// The login throttle over this environment's database.
    package func loginThrottle() -> SQLLoginThrottle {
        SQLLoginThrottle(store: store, clock: clock)
    }

    /// The background purge: expired idempotency records and login-attempt windows, ended outbox messages and
    /// expired sessions once ``ServiceConfiguration/retention`` is up, and events once
    /// ``ServiceConfiguration/eventRetention`` is; and, being the service's housekeeping, the `invitation.expired`
    /// event of each invitation whose expiry passed.
    package func purger() -> Purger {
        let idempotency = idempotencyRepository()
        let throttle = loginThrottle()
        let expiries = SQLInvitationExpiries(store: store, clock: clock)
        let retention = SQLRetention(retention: configuration.retention.seconds, store: store, clock: clock)
        return Purger(
            tasks: [
                PurgeTask(name: "idempotency keys") { [clock] in
                    try await idempotency.purgeExpired(now: clock.now(), limit: $0)
                },
                PurgeTask(name: "login attempts", deleteBatch: throttle.purgeExpired(limit:)),
                PurgeTask(name: "outbox messages", deleteBatch: retention.purgeOutbox(limit:)),
                PurgeTask(name: "sessions", deleteBatch: retention.purgeSessions(limit:)),
                PurgeTask(name: "invitation expiries") { [events = SystemEvents(random: random)] limit in
                    try await expiries.recordExpired(limit: limit) { user, now in
                        events.event(.invitationExpired, about: user, at: now)
                    }
                },
                PurgeTask(name: "events") { [eventRetention = configuration.eventRetention.seconds] in
                    try await retention.purgeEvents(olderThan: eventRetention, limit: $0)
                },
            ],
            logger: logger
        )
    }
}
