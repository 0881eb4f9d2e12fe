/// A configuration value the service cannot use.
package struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    package var description: String
    package init(_ description: String) { self.description = description }
}
