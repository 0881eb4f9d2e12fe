/// What a product that takes reports (AutoScribe) adds to its users: whether they write reports, and the NPI a
/// report writer needs. Users, invites and updates of such a product carry it; the others leave it `nil`.
struct ReportWriting: Codable, Equatable, Sendable {
    var canCreateReports: Bool
    var npiNumber: String?
}

/// An update's changes to ``ReportWriting``: `nil` leaves a field as it is.
struct ReportWritingChanges: Encodable, Equatable, Sendable {
    var canCreateReports: Bool?
    var npiNumber: Nullable<String>?
}
