import Avara
import AvaraRoster

/// A product whose invites and updates the client tools read from named fields (a roster's columns, the
/// commands' options), described as ``UserField``s.
///
/// ```swift
/// let params = try Viewer.inviteParams(from: FieldValues(["email": "a@x.org", ...]))
/// let user = try await client.viewer.users.invite(params)
/// ```
package protocol FieldMappedProduct: AvaraProduct {
    /// The fields of an invite, in the API's order.
    static var inviteFields: [UserField] { get }
    /// The optional text fields an update can clear.
    static var clearableFields: [String] { get }

    /// The invite of typed values that ``UserField/typedValues(_:fields:)`` read for ``inviteFields`` (so every
    /// required field is there).
    static func inviteParams(from values: [String: RosterValue]) -> Self.UserInviteParams
    /// The update described by `values` (absent = unchanged) and `clearing` (set to null).
    ///
    /// - Throws: ``FieldProblems`` for an email (it cannot change), a field both set and cleared, a field that
    ///   cannot be cleared, a boolean that is not one.
    static func updateParams(
        from values: FieldValues, clearing: Set<String>
    ) throws(FieldProblems) -> Self.UserUpdateParams
}

extension FieldMappedProduct {
    /// The invite described by `values`.
    ///
    /// - Throws: ``FieldProblems`` listing every required field absent and every boolean that is not one.
    package static func inviteParams(from values: FieldValues) throws(FieldProblems) -> Self.UserInviteParams {
        inviteParams(from: try UserField.typedValues(values, fields: inviteFields))
    }
}
