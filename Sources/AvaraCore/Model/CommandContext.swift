import Foundation

/// Who runs a core command, for which clinic, and from where: every surface (the REST API, the dashboard, SCIM,
/// the CLI) and the service's own background work pass one to each command.
///
/// The core decides with it what the actor may do (``Permissions``), stamps it on the events the command writes
/// (``DomainEvent``) and takes from it what the records say of their origin (``invitedSource``).
///
/// ```swift
/// let context = CommandContext(
///     clinic: clinic, actor: .apiKey(id: "key_1", name: "PACS sync"), surface: .api,
///     requestId: "req_9f", clientAddress: "203.0.113.7"
/// )
/// let user = try await services.invitations.invite(product: .viewer, fields: body, context: context)
/// ```
package struct CommandContext: Sendable, Equatable {
    /// Who acts.
    package enum Actor: Sendable, Equatable {
        /// A clinic's API key, through the REST API or as a SCIM connection's bearer token.
        case apiKey(id: String, name: String)
        /// A user signed in to `product` with `level` (`owner`, `admin` or `member`).
        case user(id: String, product: Product, level: String)
        /// An operator at the server, through the `avara` command line.
        case cli
        /// The service itself: sweepers and deliveries.
        case system
    }

    /// The way a command came in.
    package enum Surface: String, Sendable, Equatable, CaseIterable {
        case api
        case dashboard
        case scim
        case cli
    }

    /// The clinic the command acts in: all it may see or change.
    package var clinic: Clinic
    package var actor: Actor
    /// `nil` for the service's own work.
    package var surface: Surface?
    /// The id of the request that carried the command, when one did.
    package var requestId: String?
    /// The client's IP address, when the command came over the network.
    package var clientAddress: String?

    package init(
        clinic: Clinic, actor: Actor, surface: Surface?, requestId: String? = nil, clientAddress: String? = nil
    ) {
        self.clinic = clinic
        self.actor = actor
        self.surface = surface
        self.requestId = requestId
        self.clientAddress = clientAddress
    }

    /// The service's own work in `clinic`.
    package static func system(_ clinic: Clinic) -> CommandContext {
        CommandContext(clinic: clinic, actor: .system, surface: nil)
    }

    /// An operator's command at the server in `clinic`.
    package static func cli(_ clinic: Clinic) -> CommandContext {
        CommandContext(clinic: clinic, actor: .cli, surface: .cli)
    }

    /// What a user invited by this command records as its `invitedSource`: `dashboard` from the dashboard, `api`
    /// from every other way in (SCIM and roster imports go through the API's rules and say so).
    package var invitedSource: String {
        surface == .dashboard ? "dashboard" : "api"
    }
}
