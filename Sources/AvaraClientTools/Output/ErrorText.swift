import Avara

/// How the commands describe a failed call on standard error.
package enum ErrorText {
    /// Every line about `error`: the problem and its detail, then one line per field error, then the request id.
    ///
    /// ```
    /// error: 422 Invalid request body: the body breaks 2 rules
    ///   npiNumber: must be exactly 10 digits
    ///   email: must be a valid email address
    ///   (request req_…)
    /// ```
    package static func lines(for error: any Error) -> [String] {
        guard let error = error as? AvaraError else { return ["error: \(error)"] }
        var lines = ["error: " + summary(of: error)]
        lines += error.fieldErrors.map { "  \($0.field): \($0.message)" }
        if let requestId = error.requestId { lines.append("  (request \(requestId))") }
        return lines
    }

    /// One line: the status and title, then the detail (or the underlying failure).
    package static func summary(of error: any Error) -> String {
        guard let error = error as? AvaraError else { return "\(error)" }
        var parts: [String] = []
        if let status = error.status {
            parts.append([String(status), error.title].compactMap { $0 }.joined(separator: " "))
        }
        if let detail = error.detail {
            parts.append(detail)
        } else if let underlying = error.underlying {
            parts.append("\(underlying)")
        }
        return parts.isEmpty ? "\(error.kind)" : parts.joined(separator: ": ")
    }
}
