extension ServiceEnvironment {
    /// Invitation acceptance and logins over this environment's database.
    package func accountRepository() -> any AccountRepository {
        SQLAccountRepository(store: store)
    }

    /// bcrypt at cost 12.
    package func passwordHasher() -> any PasswordHasher {
        BcryptPasswordHasher(cost: 12)
    }

    /// The acceptance pages' workflow.
    package func invitationAcceptance() -> InvitationAcceptance {
        InvitationAcceptance(accounts: accountRepository(), hasher: passwordHasher(), clock: clock, logger: logger)
    }

    /// Dashboard logins, throttled by `throttle`.
    package func loginService(throttle: LoginThrottle) -> LoginService {
        LoginService(
            accounts: accountRepository(), hasher: passwordHasher(), throttle: throttle, clock: clock, random: random,
            logger: logger
        )
    }
}
