/// One rule a request body breaks, as listed in a 422 problem's `errors`.
package struct FieldError: Sendable, Equatable, Codable {
    /// The request body field (camelCase, as on the wire, e.g. "npiNumber").
    package let field: String
    /// What is wrong with it, phrased to follow the field name (e.g. "is required").
    package let message: String

    package init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
