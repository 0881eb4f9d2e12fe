/// A field of an invite as the API names it: a roster column, a command option.
package struct UserField: Sendable, Equatable {
    /// What a field holds.
    package enum Kind: Sendable, Equatable {
        /// Text (names, email, enum values, digits).
        case text
        /// `true` or `false`; see ``FieldValues/boolean(_:)`` for the spellings accepted.
        case boolean
    }

    /// The API's name, e.g. `firstName`.
    package var name: String
    package var kind: Kind
    /// Whether an invite needs it.
    package var isRequired: Bool

    package init(_ name: String, _ kind: Kind = .text, required: Bool = false) {
        self.name = name
        self.kind = kind
        isRequired = required
    }

    /// The fields every product's invite has, in the API's order.
    package static let common: [UserField] = [
        UserField("canManageStudies", .boolean, required: true),
        UserField("clinicRole", required: true),
        UserField("email", required: true),
        UserField("firstName", required: true),
        UserField("hasDashboardAccess", .boolean, required: true),
        UserField("lastName", required: true),
        UserField("level", required: true),
        UserField("middleName"),
        UserField("phoneNumber"),
        UserField("suffix1"),
        UserField("suffix2"),
    ]

    /// The optional text fields an update can clear (set to null).
    package static let commonClearable = ["middleName", "phoneNumber", "suffix1", "suffix2"]

    /// The fields of a Viewer invite: the common ones.
    package static let viewerInvite = common
    /// The fields of an AutoScribe invite: whether the user may create reports, the common ones, and their NPI.
    package static let autoScribeInvite =
        [UserField("canCreateReports", .boolean, required: true)] + common + [UserField("npiNumber")]

    /// The optional text fields a Viewer update can clear.
    package static let viewerClearable = commonClearable
    /// The optional text fields an AutoScribe update can clear: the common ones and the NPI.
    package static let autoScribeClearable = commonClearable + ["npiNumber"]
}
