import AvaraCore
import SQLKit

extension Migration {
    /// When each invitation was last resent, for the resend cooldown: `NULL` until its first resend.
    package static let invitationResends = Migration(version: 7, name: "invitation resends") { db in
        try await db.alter(table: "invitations").column("resent_at", type: .text).run()
    }
}
