/// The rule for a user level: "admin" or "member"; "owner" is dashboard-only.
package enum LevelRule {
    /// The level that requires `hasDashboardAccess` to be true.
    package static let admin = "admin"
    /// The levels that can be assigned through the API.
    package static let assignableLevels: Set<String> = [admin, "member"]

    /// Every rule `level` breaks, as messages; empty when it can be assigned.
    package static func messages(for level: String) -> [String] {
        if assignableLevels.contains(level) {
            return []
        }
        if level == "owner" {
            return ["owner can only be assigned in the dashboard"]
        }
        return ["must be \"admin\" or \"member\""]
    }
}
