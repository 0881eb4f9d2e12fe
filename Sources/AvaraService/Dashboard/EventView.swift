import AvaraCore
import Foundation

/// A user's event as a line of their page's activity: when, what, by whom, through which way in.
enum EventView {
    /// - Parameter names: The names of users who acted, by id (an actor missing from it is shown by id).
    static func line(_ event: DomainEvent, names: [String: String]) -> [String: Any] {
        var line: [String: Any] = [
            "at": Timestamp.string(event.createdAt), "when": DashboardDates.text(event.createdAt),
            "what": what(event.type), "who": who(event.actor, names: names),
        ]
        if let surface = event.surface { line["surface"] = surface == .cli ? "command line" : surface.rawValue }
        return line
    }

    static func what(_ type: EventType) -> String {
        switch type {
        case .userInvited: "Invited"
        case .userUpdated: "Changed"
        case .userDeleted: "Removed"
        case .userLoggedIn: "Signed in"
        case .invitationResent: "Invitation resent"
        case .invitationRevoked: "Invitation revoked"
        case .invitationAccepted: "Invitation accepted"
        case .invitationExpired: "Invitation expired"
        case .invitationEmailSent: "Invitation email sent"
        case .invitationEmailFailed: "Invitation email failed"
        default: type.rawValue
        }
    }

    static func who(_ actor: EventActor, names: [String: String]) -> String {
        switch actor.type {
        case "api_key": "API key \(actor.name ?? actor.id ?? "")"
        case "user": actor.id.flatMap { names[$0] } ?? "user \(actor.id ?? "")"
        case "cli": "the operator"
        default: "Avara"
        }
    }
}
