/// Why a request body could not be read as a JSON object (answered with 400).
enum JSONBodyError: Error, Sendable, Equatable {
    /// The body is not valid JSON.
    case notJSON
    /// The body is valid JSON, but its top-level value is not an object.
    case notAnObject

    /// A short, client-safe explanation, suitable for a problem's `detail`.
    var message: String {
        switch self {
        case .notJSON: "The body is not valid JSON."
        case .notAnObject: "The body is not a JSON object."
        }
    }
}
