/// Why a request body could not be read as a JSON object (answered with 400).
package enum JSONBodyError: Error, Sendable, Equatable {
    /// The body is not valid JSON.
    case notJSON
    /// The body is valid JSON, but its top-level value is not an object.
    case notAnObject
    /// An object repeats this member name.
    case duplicateMember(String)

    /// A short, client-safe explanation, suitable for a problem's `detail`.
    package var message: String {
        switch self {
        case .notJSON: "The body is not valid JSON."
        case .notAnObject: "The body is not a JSON object."
        case .duplicateMember(let name): "The body repeats the member `\(name)` in one object; send each member once."
        }
    }
}
