import AvaraCore
import SQLKit

extension Migration {
    /// Which user or API key each kept answer is about (`subject_id`), so that removing a user forgets the answers
    /// about it: an invite sent again with the same key (a roster imported again) creates the user again instead
    /// of replaying a `201` for a user who is gone. Answers kept before this step have none.
    package static let idempotencySubjects = Migration(version: 13, name: "idempotency subjects") { db in
        try await db.alter(table: "idempotency_keys").column("subject_id", type: .text).run()
        try await db.create(index: "idempotency_keys_by_subject").on("idempotency_keys").column("subject_id").run()
    }
}
