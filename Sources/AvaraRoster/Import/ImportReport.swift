import Foundation

/// The report of an import: one CSV line per roster row, and a summary.
///
/// ```csv
/// row,email,outcome,userId,errors
/// 2,dr.johnson@hospital.org,created,usr_5f0c…,
/// 3,nurse@hospital.org,duplicate,usr_77a1…,email: is already a user of Viewer in this clinic
/// 4,bad-address,rejected,,email: must be a valid email address
/// ```
package enum ImportReport {
    /// The report's header.
    package static let columns = ["row", "email", "outcome", "userId", "errors"]

    /// The report of `results` as CSV (RFC 4180, CRLF line ends), in the order given. Cells a spreadsheet would run
    /// as formulas start with `'` (``CSVWriter/neutralized(_:)``): the roster's cells come back in it.
    package static func csv(_ results: [ImportResult]) -> String {
        var writer = CSVWriter(neutralizesFormulas: true)
        writer.append(columns)
        for result in results {
            writer.append([
                String(result.row), result.email, result.outcome.rawValue, result.userId ?? "", result.errorText,
            ])
        }
        return writer.text
    }

    /// Where the report of `roster` goes by default: beside it, `roster.report.csv` for `roster.csv`.
    package static func defaultURL(forRoster roster: URL) -> URL {
        let base = roster.pathExtension.lowercased() == "csv" ? roster.deletingPathExtension() : roster
        return base.deletingLastPathComponent().appendingPathComponent(base.lastPathComponent + ".report.csv")
    }
}

/// The counts and speed of a finished import.
package struct ImportSummary: Sendable, Equatable, Codable {
    package var rows: Int
    package var created: Int
    package var duplicate: Int
    package var rejected: Int
    package var failed: Int
    /// Wall-clock seconds of the import.
    package var seconds: Double
    /// The report file.
    package var report: String

    /// The summary of `results`, which took `elapsed`, reported in the file `report`.
    package init(results: [ImportResult], elapsed: Duration, report: String) {
        var tally = ImportTally(total: results.count)
        for result in results { tally.record(result.outcome) }
        rows = tally.total
        created = tally[.created]
        duplicate = tally[.duplicate]
        rejected = tally[.rejected]
        failed = tally[.failed]
        seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        self.report = report
    }

    /// Rows per second.
    package var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }

    /// For example `10000 rows: 9990 created, 5 duplicate, 5 rejected, 0 failed in 12.3 s (813 rows/s); report: r.report.csv`.
    package var text: String {
        let counts = "\(created) created, \(duplicate) duplicate, \(rejected) rejected, \(failed) failed"
        let speed = String(format: "%.1f s (%.0f rows/s)", seconds, rowsPerSecond)
        return "\(rows) rows: \(counts) in \(speed); report: \(report)"
    }

    /// The exit status of the import: 0 when every row was created or a duplicate, 2 when any was rejected, 3 when
    /// any failed (a run again may finish it), which wins over 2.
    package var exitStatus: Int32 {
        failed > 0 ? 3 : rejected > 0 ? 2 : 0
    }
}
