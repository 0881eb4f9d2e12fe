/// What an import does with one roster row, by the rules every importer shares (the `avara users import` command
/// and the dashboard's import page): invite it, reject it without an invite, or count it a duplicate of an earlier
/// row.
package enum RosterStep: Sendable, Equatable {
    /// A row whose fields make an invite: its line, its email and its typed values (``UserField/typedValues(_:fields:)``).
    case invite(row: Int, email: String, values: [String: RosterValue])
    /// A row rejected before any invite: a problem of the row (more cells than columns), or of its fields (a
    /// required one empty, a boolean that is not one), each listed.
    case rejected(ImportResult)
    /// A row with the email (in any case) of an earlier row that is invited: a duplicate, without an invite.
    case repeats(row: Int, email: String, earlierRow: Int)
}

extension Roster {
    /// The step of every row, in the roster's order.
    ///
    /// A row's own problems win over its fields'; only rows that are invited count as the first of their email.
    package func steps() -> [RosterStep] {
        var firstRowOfEmail: [String: Int] = [:]
        return rows.map { row in
            let email = row.values["email"] ?? ""
            guard row.problems.isEmpty else {
                return .rejected(ImportResult(row: row.line, email: email, outcome: .rejected, errors: row.problems))
            }
            let values: [String: RosterValue]
            do throws(FieldProblems) {
                values = try UserField.typedValues(row.values, fields: fields)
            } catch {
                return .rejected(ImportResult(row: row.line, email: email, outcome: .rejected, errors: error.errors))
            }
            if let earlier = firstRowOfEmail[email.lowercased()] {
                return .repeats(row: row.line, email: email, earlierRow: earlier)
            }
            firstRowOfEmail[email.lowercased()] = row.line
            return .invite(row: row.line, email: email, values: values)
        }
    }
}

extension ImportResult {
    /// The result of row `row`, whose email repeats that of `earlierRow`, which ended as `earlier`: a duplicate,
    /// with the earlier row's user id when that row made or found one.
    package static func repeating(row: Int, email: String, earlierRow: Int, earlier: ImportResult?) -> ImportResult {
        let userId = earlier?.outcome == .created || earlier?.outcome == .duplicate ? earlier?.userId : nil
        return ImportResult(
            row: row, email: email, outcome: .duplicate, userId: userId,
            errors: [RosterFieldError(field: "email", message: "repeats row \(earlierRow)")]
        )
    }
}
