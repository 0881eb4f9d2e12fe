import Foundation

/// A roster: a CSV file of users to invite, one per row, with the API's field names as its header.
///
/// ```csv
/// email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess
/// dr.johnson@hospital.org,Sarah,Johnson,Radiologist,member,true,true
/// ```
///
/// Cells are trimmed of surrounding spaces; an empty cell is an absent field. Blank lines are skipped.
package struct Roster: Sendable, Equatable {
    /// One user of the roster.
    package struct Row: Sendable, Equatable {
        /// The line of the file the row starts on; the header is line 1.
        package var line: Int
        package var values: FieldValues
        /// What is wrong with the row as a row (more cells than columns), before its fields are read.
        package var problems: [RosterFieldError]

        package init(line: Int, values: FieldValues, problems: [RosterFieldError] = []) {
            self.line = line
            self.values = values
            self.problems = problems
        }
    }

    /// The fields the roster was read for (its columns are some of them).
    package var fields: [UserField]
    /// The header's names, in the file's order.
    package var columns: [String]
    package var rows: [Row]

    /// Reads `csv` as a roster of users with `fields`.
    ///
    /// - Throws: ``RosterError`` when the file is not CSV, has no header, or its header names a column that is not
    ///   a field, names one twice, or leaves out a required field.
    package init(csv: Data, fields: [UserField]) throws(RosterError) {
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: csv)
        } catch {
            throw RosterError(message: "\(error)")
        }
        guard let header = records.first else { throw RosterError(message: "the file is empty; it needs a header row") }
        let columns = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        try Self.check(columns: columns, fields: fields)
        self.fields = fields
        self.columns = columns
        rows = records.dropFirst().map { record in
            var values: [String: String] = [:]
            for (column, cell) in zip(columns, record.cells) {
                values[column] = cell.trimmingCharacters(in: .whitespaces)
            }
            var problems: [RosterFieldError] = []
            if record.cells.count > columns.count {
                let message = "has \(record.cells.count) cells but the header has \(columns.count) columns"
                problems.append(.init(field: "row", message: message))
            }
            return Row(line: record.line, values: FieldValues(values), problems: problems)
        }
    }

    private static func check(columns: [String], fields: [UserField]) throws(RosterError) {
        let known = Set(fields.map(\.name))
        var problems: [String] = []
        for column in columns where !known.contains(column) {
            let suggestion = fields.first { $0.name.lowercased() == column.lowercased() }.map {
                " (did you mean \($0.name)?)"
            }
            problems.append("unknown column \"\(column)\"\(suggestion ?? "")")
        }
        for column in Set(columns) where columns.filter({ $0 == column }).count > 1 {
            problems.append("column \"\(column)\" appears twice")
        }
        for field in fields where field.isRequired && !columns.contains(field.name) {
            problems.append("no column \(field.name) (required)")
        }
        guard problems.isEmpty else {
            let names = fields.map(\.name).joined(separator: ", ")
            let message = problems.sorted().joined(separator: "; ")
            throw RosterError(message: message + ". The columns are the API's field names: \(names)")
        }
    }
}

/// A roster that cannot be imported at all.
package struct RosterError: Error, Equatable, CustomStringConvertible {
    package var message: String

    package var description: String { message }
}
