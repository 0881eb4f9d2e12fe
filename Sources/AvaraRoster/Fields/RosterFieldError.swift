/// What is wrong with one field of a row or of a command's options: the field's API name (or `row`, `request`) and
/// a message that follows it, as in the API's 422 (`email: is required`).
///
/// The roster has its own type so that it depends on neither the SDK nor the core: the client tools convert the
/// SDK's `AvaraError.FieldError` to it, the dashboard the core's `FieldError`.
package struct RosterFieldError: Sendable, Equatable, Hashable {
    package var field: String
    package var message: String

    package init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field` is required and absent (or empty).
    package static func required(_ field: String) -> RosterFieldError {
        RosterFieldError(field: field, message: "is required")
    }

    /// `field` holds `text`, which ``FieldValues/boolean(_:)`` does not read as a boolean.
    package static func notABoolean(_ field: String, _ text: String) -> RosterFieldError {
        RosterFieldError(field: field, message: "must be true or false (or yes/no, 1/0), got \"\(text)\"")
    }
}
