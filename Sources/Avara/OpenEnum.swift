/// A string enum of the API that keeps values it does not know.
///
/// The API may add values (a new clinic role, say) before an app updates its SDK. Types conforming to
/// `OpenEnum` decode such a value as their `unknown(_:)` case instead of failing, and encode it back unchanged.
///
/// ```swift
/// let role = Viewer.ClinicRole(rawValue: "Radiologist")   // .radiologist
/// let newer = Viewer.ClinicRole(rawValue: "Sonographer")  // .unknown("Sonographer")
/// ```
public protocol OpenEnum: RawRepresentable<String>, CaseIterable, Codable, Hashable, Sendable,
    CustomStringConvertible
{
    /// The value for `rawValue`, known or not.
    init(rawValue: String)
}

extension OpenEnum {
    /// Reads the API's string; a value this SDK does not know becomes `unknown`.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Writes the API's string, known or not.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The exact string the API uses.
    public var description: String { rawValue }

    /// Whether this version of the SDK knows the value.
    public var isKnown: Bool { Self.allCases.contains(self) }
}
