/// Text in aligned columns, for a terminal.
///
/// ```swift
/// TextTable(header: ["userId", "email"], rows: [["usr_1", "a@x.org"]]).text
/// // userId  email
/// // usr_1   a@x.org
/// ```
package struct TextTable: Sendable, Equatable {
    package var header: [String]
    package var rows: [[String]]

    package init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The table, one line per row after the header, columns two spaces apart, no trailing spaces.
    package var text: String {
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return all.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line += cell
                if column < row.count - 1 { line += String(repeating: " ", count: widths[column] - cell.count + 2) }
            }
            return line
        }.joined(separator: "\n") + "\n"
    }
}

extension PrintableUser {
    /// The columns of a list of users.
    package static let listColumns = [
        "userId", "email", "name", "level", "clinicRole", "invitationStatus", "invitationEmail.status", "createdAt",
    ]

    /// The fields a single user's table shows first, in this order; any others follow alphabetically.
    static let detailOrder = [
        "userId", "email", "firstName", "middleName", "lastName", "suffix1", "suffix2", "level", "clinicRole",
        "canManageStudies", "hasDashboardAccess", "canCreateReports", "npiNumber", "phoneNumber", "invitationStatus",
        "invitationEmail.status", "invitationEmail.reason", "invitationExpiresAt", "invitedSource", "createdAt",
        "lastLoginAt",
    ]

    /// Users as a table of ``listColumns``, absent values as `-`.
    package static func listTable(_ users: [PrintableUser]) -> TextTable {
        TextTable(
            header: listColumns,
            rows: users.map { user in listColumns.map { column in (column == "name" ? user.name : user[column]) ?? "-" }
            }
        )
    }

    /// One user as a two-column table of field and value, every field it has.
    package var detailTable: TextTable {
        let others = fields.keys.filter { !Self.detailOrder.contains($0) }.sorted()
        let names = Self.detailOrder.filter { fields[$0] != nil } + others
        return TextTable(header: ["field", "value"], rows: names.map { [$0, fields[$0] ?? ""] })
    }
}
