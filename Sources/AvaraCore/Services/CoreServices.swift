/// The core's services, built once per process over its ports and shared by every surface (the REST API, the
/// pages, the CLI, and the dashboard and SCIM to come): one group-commit writer per database, one cache of
/// verified keys, whatever the number of surfaces.
package struct CoreServices: Sendable {
    package let invitations: InvitationService
    package let users: UserDirectoryService
    package let apiKeys: APIKeyService
    package let logins: LoginService
    package let passwordResets: PasswordResetService
    package let acceptance: AcceptanceService
    package let clinics: ClinicService
    package let events: EventService
    package let webhooks: WebhookService
    package let provisioning: ProvisioningService

    package init(
        invitations: InvitationService, users: UserDirectoryService, apiKeys: APIKeyService, logins: LoginService,
        passwordResets: PasswordResetService, acceptance: AcceptanceService, clinics: ClinicService,
        events: EventService, webhooks: WebhookService, provisioning: ProvisioningService
    ) {
        self.provisioning = provisioning
        self.events = events
        self.webhooks = webhooks
        self.invitations = invitations
        self.users = users
        self.apiKeys = apiKeys
        self.logins = logins
        self.passwordResets = passwordResets
        self.acceptance = acceptance
        self.clinics = clinics
    }
}
