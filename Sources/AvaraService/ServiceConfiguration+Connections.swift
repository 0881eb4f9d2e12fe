import Foundation

extension ServiceConfiguration {
    /// Overrides the connection limits with whichever `AVARA_*` variables are set in `environment`.
    mutating func readConnectionLimits(_ environment: [String: String]) throws {
        if let text = environment["AVARA_HEADER_TIMEOUT"], !text.isEmpty {
            connections.headerTimeout = try Self.connectionTimeout(text, option: "AVARA_HEADER_TIMEOUT")
        }
        if let text = environment["AVARA_BODY_TIMEOUT"], !text.isEmpty {
            connections.bodyTimeout = try Self.connectionTimeout(text, option: "AVARA_BODY_TIMEOUT")
        }
        if let text = environment["AVARA_IDLE_TIMEOUT"], !text.isEmpty {
            connections.idleTimeout = try Self.connectionTimeout(text, option: "AVARA_IDLE_TIMEOUT")
        }
        if let text = environment["AVARA_MAX_CONNECTIONS"], !text.isEmpty {
            connections.maxConnections = try Self.maxConnections(text, option: "AVARA_MAX_CONNECTIONS")
        }
    }

    /// Parses a timeout, 1 second to 1 hour: `10s`, `2m`.
    package static func connectionTimeout(_ text: String, option: String) throws -> Duration {
        try duration(text, of: option, within: 1...3600, described: "1 second and 1 hour")
    }

    /// Parses the connection cap, 1 to 1,000,000.
    package static func maxConnections(_ text: String, option: String) throws -> Int {
        try count(text, of: option, within: 1...1_000_000)
    }
}
