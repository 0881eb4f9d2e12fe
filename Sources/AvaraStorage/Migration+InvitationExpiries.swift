import AvaraCore
import Foundation
import SQLKit

extension Migration {
    /// When the `invitation.expired` event of each invitation was written (`invitations.expiry_recorded_at`), so
    /// that the sweeper writes one per expiry whatever the replicas; a resend clears it. Invitations that expired
    /// before events existed are marked recorded: no flood of old expiries at the first sweep.
    package static let invitationExpiries = Migration(version: 17, name: "invitation expiries") { db in
        try await db.alter(table: "invitations").column("expiry_recorded_at", type: .text).run()
        try await db.update("invitations")
            .set("expiry_recorded_at", to: SQLColumn("expires_at"))
            .where("status", .equal, InvitationState.Status.pending.rawValue)
            .where("expires_at", .lessThanOrEqual, Timestamp.string(Date()))
            .run()
        try await db.raw(
            """
            CREATE INDEX invitations_expiring ON invitations (expires_at) \
            WHERE status = \(literal: InvitationState.Status.pending.rawValue) AND expiry_recorded_at IS NULL
            """
        ).run()
    }
}
