import AvaraCore
import Foundation

/// The report of each session's last roster import, for its download: in memory only (it names people, so it is
/// never written to disk), for ``lifetime`` after the import, for at most ``capacity`` sessions and ``maxBytes`` in
/// all (the oldest reports go first).
///
/// A report is kept by the replica that ran the import: behind a load balancer without sticky sessions, its download
/// may find none (the page says so).
actor ImportReports {
    /// One import's report.
    struct Report: Sendable {
        /// The product the roster was imported into: its download is under that product's path only.
        var product: Product
        /// The file name offered, `staff.report.csv` for a roster `staff.csv`.
        var filename: String
        /// ``ImportReport/csv(_:)`` of the import's results.
        var csv: String
        var storedAt: Date
    }

    /// How long a report is kept after its import.
    static let lifetime: TimeInterval = 30 * 60
    /// The most reports kept.
    static let capacity = 64
    /// The most bytes of reports kept.
    static let maxBytes = 64 * 1024 * 1024

    private let clock: any ServiceClock
    /// By the hash of the session that imported (the session's token is never kept).
    private var reports: [String: Report] = [:]

    init(clock: any ServiceClock) {
        self.clock = clock
    }

    /// Keeps `csv`, the report of a roster `rosterName` imported into `product`, as the last of `session` (a
    /// session's hash); it replaces the session's earlier report.
    func keep(_ csv: String, rosterName: String?, product: Product, session: String) {
        let now = clock.now()
        reports = reports.filter { now.timeIntervalSince($0.value.storedAt) < Self.lifetime }
        reports[session] = Report(
            product: product, filename: Self.filename(forRoster: rosterName), csv: csv, storedAt: now)
        var bytes = reports.values.reduce(0) { $0 + $1.csv.utf8.count }
        while reports.count > Self.capacity || bytes > Self.maxBytes,
            let oldest = reports.min(by: { $0.value.storedAt < $1.value.storedAt })
        {
            bytes -= oldest.value.csv.utf8.count
            reports[oldest.key] = nil
        }
    }

    /// The last report of `session` into `product`, unless it is older than ``lifetime``.
    func report(session: String, product: Product) -> Report? {
        guard let report = reports[session], report.product == product else { return nil }
        guard clock.now().timeIntervalSince(report.storedAt) < Self.lifetime else {
            reports[session] = nil
            return nil
        }
        return report
    }

    /// The name of the report of a roster named `rosterName`, as the CLI names it (`staff.csv` gives
    /// `staff.report.csv`), with only letters, digits, `.`, `-` and `_` (others become `_`); `roster.report.csv`
    /// without a name.
    static func filename(forRoster rosterName: String?) -> String {
        var base = rosterName ?? ""
        if base.lowercased().hasSuffix(".csv") { base = String(base.dropLast(4)) }
        let safe = String(
            base.unicodeScalars.prefix(80).map { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
        let trimmed = safe.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return (trimmed.isEmpty ? "roster" : trimmed) + ".report.csv"
    }
}
