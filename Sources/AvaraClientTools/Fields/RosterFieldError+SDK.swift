import Avara
import AvaraRoster

extension RosterFieldError {
    /// The SDK's field error of an API answer (a 409's or a 422's), for an import's report.
    package init(_ error: AvaraError.FieldError) {
        self.init(field: error.field, message: error.message)
    }
}
