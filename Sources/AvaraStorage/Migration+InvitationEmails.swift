import AvaraCore
import SQLKit

extension Migration {
    /// What became of each invitation's email, on the invitation (`email_status`: queued, sent or failed, with
    /// `email_error`), so that it outlives the outbox row's retention; and, on each outbox row, the hash of the
    /// token whose link it carries, so that the dispatcher sends it only while that invitation is the live one.
    ///
    /// Existing invitations take the state of their user's latest outbox message.
    package static let invitationEmails = Migration(version: 9, name: "invitation emails") { db in
        try await db.alter(table: "outbox").column("token_hash", type: .text).run()
        try await db.alter(table: "invitations").column("email_status", type: .text).run()
        try await db.alter(table: "invitations").column("email_error", type: .text).run()
        try await db.raw(
            """
            UPDATE invitations SET
                email_status = (SELECT outbox.status FROM outbox WHERE outbox.user_id = invitations.user_id
                    ORDER BY outbox.created_at DESC, outbox.message_id DESC LIMIT 1),
                email_error = (SELECT outbox.last_error FROM outbox WHERE outbox.user_id = invitations.user_id
                    ORDER BY outbox.created_at DESC, outbox.message_id DESC LIMIT 1)
            """
        ).run()
        try await db.update("invitations").set("email_error", to: SQLLiteral.null)
            .where("email_status", .notEqual, OutboxStatus.failed.rawValue)
            .run()
    }
}
