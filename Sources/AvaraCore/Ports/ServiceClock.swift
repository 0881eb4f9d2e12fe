import Foundation

/// The source of "now" for everything the service timestamps.
///
/// The server uses ``SystemClock``; tests inject a fixed or stepping clock so that timestamps and expiry
/// are deterministic.
package protocol ServiceClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The wall clock.
package struct SystemClock: ServiceClock {
    package init() {}
    package func now() -> Date { Date() }
}
