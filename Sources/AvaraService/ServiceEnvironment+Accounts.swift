import AvaraCore
import AvaraMail
import AvaraStorage

extension ServiceEnvironment {
    /// Invitation acceptance and logins over this environment's database.
    package func accountRepository() -> any AccountRepository {
        SQLAccountRepository(store: store)
    }

    /// bcrypt at cost 12, on ``passwordPool``.
    package func passwordHasher() -> any PasswordHasher {
        BcryptPasswordHasher(cost: 12, pool: passwordPool)
    }

    /// The acceptance pages' workflow.
    package func acceptanceService() -> AcceptanceService {
        AcceptanceService(accounts: accountRepository(), hasher: passwordHasher(), clock: clock, logger: logger)
    }

    /// Dashboard logins, throttled in the database (so across replicas).
    package func loginService() -> LoginService {
        LoginService(
            accounts: accountRepository(), hasher: passwordHasher(),
            throttle: loginThrottle(), clock: clock, random: random, logger: logger
        )
    }
}

extension ClinicService {
    /// Clinics and keys in `environment`'s database.
    package init(environment: ServiceEnvironment) {
        self.init(clinics: environment.clinics, clock: environment.clock, random: environment.random)
    }
}
