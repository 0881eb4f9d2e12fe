import AvaraCore

/// A filter of the `filter` query parameter (RFC 7644 §3.4.2.2), read into a tree.
///
/// `and` binds tighter than `or`; both group to the left. A value path either stands alone
/// (`emails[type eq "work"]`, ``valuePath(_:)``) or names the sub-attribute a comparison reads
/// (`emails[type eq "work"].value eq "a@b.org"`, a ``comparison(_:_:_:)`` whose path has a ``SCIMAttributePath/valueFilter``).
///
/// ```swift
/// let filter = try SCIMFilter.parse(#"userName eq "x@y.com" and externalId eq "abc""#)
/// // .and(.comparison(userName, .equal, "x@y.com"), .comparison(externalId, .equal, "abc"))
/// ```
package indirect enum SCIMFilter: Sendable, Equatable {
    /// `path op value`: the attribute compared with a value (`userName eq "bjensen"`, `meta.lastModified gt
    /// "2011-05-13T04:42:34Z"`).
    case comparison(SCIMAttributePath, SCIMComparisonOperator, JSONValue)
    /// `path pr`: the attribute has a value that is neither null nor empty.
    case present(SCIMAttributePath)
    /// `attribute[filter]`: some value of the multi-valued attribute matches the path's ``SCIMAttributePath/valueFilter``
    /// (which the parser always sets here, without a sub-attribute).
    case valuePath(SCIMAttributePath)
    /// Both filters match.
    case and(SCIMFilter, SCIMFilter)
    /// Either filter matches.
    case or(SCIMFilter, SCIMFilter)
    /// `not (filter)`: the filter does not match.
    case not(SCIMFilter)

    /// Longer filters (in UTF-8 bytes) are refused before they are read; the same bound applies to attribute paths.
    package static let maximumLength = 4096

    /// Parentheses, `not (...)` and value filters nest at most this deep, so that the parser's recursion is bounded.
    package static let maximumDepth = 32

    /// Reads a filter.
    ///
    /// ```swift
    /// try SCIMFilter.parse(#"emails[type eq "work"].value eq "a@b.org""#)
    /// try SCIMFilter.parse("userName equals 1")  // throws invalidFilter: "Unknown operator 'equals' at position 10..."
    /// ```
    ///
    /// - Throws: ``SCIMError/invalidFilter(_:)`` naming the position (1-based, in characters) and the token of the
    ///   first error: an empty filter, one over ``maximumLength`` or nested deeper than ``maximumDepth``, an
    ///   unterminated string, an unknown operator, a missing operand, unbalanced parentheses or brackets, or a
    ///   value an operator cannot compare with (`gt true`, `co null`).
    package static func parse(_ text: String) throws(SCIMError) -> SCIMFilter {
        do {
            var parser = try SCIMFilterParser(text, subject: "filter")
            return try parser.parseWholeFilter()
        } catch {
            throw .invalidFilter(error.message)
        }
    }
}

/// A comparison operator of a filter (RFC 7644 §3.4.2.2); filters write it in any case (`eq`, `EQ`, `Eq`).
///
/// ```swift
/// SCIMComparisonOperator(rawValue: "sw")  // .startsWith
/// ```
package enum SCIMComparisonOperator: String, Sendable, CaseIterable {
    case equal = "eq"
    case notEqual = "ne"
    case contains = "co"
    case startsWith = "sw"
    case endsWith = "ew"
    case greaterThan = "gt"
    case greaterThanOrEqual = "ge"
    case lessThan = "lt"
    case lessThanOrEqual = "le"

    /// Whether the operator compares with `value`: `eq` and `ne` with anything, the substring operators with
    /// strings, the ordering ones with strings (dates among them) and numbers.
    package func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.equal, _), (.notEqual, _): true
        case (.contains, .string), (.startsWith, .string), (.endsWith, .string): true
        case (.greaterThan, .string), (.greaterThanOrEqual, .string), (.lessThan, .string),
            (.lessThanOrEqual, .string):
            true
        case (.greaterThan, .number), (.greaterThanOrEqual, .number), (.lessThan, .number),
            (.lessThanOrEqual, .number):
            true
        default: false
        }
    }
}
