import AvaraCore
import SQLKit

extension Migration {
    /// What the dashboard's sessions need beyond a login's: when each was last used (its idle timeout counts from
    /// there; `NULL` until the first use after its start) and the accounts its sign-in opened (user ids, separated by
    /// commas), between which the person may switch.
    package static let dashboardSessions = Migration(version: 19, name: "dashboard sessions") { db in
        try await db.alter(table: "sessions").column("last_seen_at", type: .text).run()
        try await db.alter(table: "sessions").column("accounts", type: .text).run()
    }
}
