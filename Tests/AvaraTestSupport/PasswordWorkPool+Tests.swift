import AvaraService
import Foundation

extension PasswordWorkPool {
    /// The pool the test services hash on: the tests of the whole run share it, so its queue has room for all of
    /// them and never answers busy. A test of a full pool makes a small pool of its own.
    package static let tests = PasswordWorkPool(
        threads: ProcessInfo.processInfo.activeProcessorCount, maxWaiting: 1_000_000
    )
}
