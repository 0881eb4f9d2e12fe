import AvaraCore
import SQLKit

extension Migration {
    /// Claims on outbox messages: the replica delivering a message holds it until `claimed_until`, so that no other
    /// replica delivers it too; a claim left by a replica that died expires and the message is delivered by another.
    package static let outboxClaims = Migration(version: 5, name: "outbox claims") { db in
        try await db.alter(table: "outbox").column("claimed_until", type: .orderedText).run()
    }
}
