import AvaraCore

/// What a filter compares: attribute paths, operators and values.
extension SCIMFilterParser {
    /// `path pr`, `path operator value`, or a value path alone (`emails[type eq "work"]`).
    mutating func parseAttributeExpression(
        depth: Int, insideValueFilter: Bool
    ) throws(SCIMSyntaxError) -> SCIMFilter {
        let path = try parsePath(depth: depth, insideValueFilter: insideValueFilter)
        if path.valueFilter != nil, path.subAttribute == nil {
            if case .word(let word) = current.kind, !["and", "or"].contains(word.lowercased()) {
                throw SCIMSyntaxError(
                    message: "A value filter is not compared itself: compare one of its sub-attributes "
                        + "(as in emails[type eq \"work\"].value eq \"a@b.org\"); found \(describe(current)) "
                        + "at position \(position(of: current)).")
            }
            return .valuePath(path)
        }
        let operatorToken = current
        guard case .word(let word) = operatorToken.kind else {
            throw expected("an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr)", found: operatorToken)
        }
        advance()
        if word.lowercased() == "pr" { return .present(path) }
        guard let comparison = SCIMComparisonOperator(rawValue: word.lowercased()) else {
            throw SCIMSyntaxError(
                message: "Unknown operator \(describe(operatorToken)) at position \(position(of: operatorToken)); "
                    + "expected eq, ne, co, sw, ew, gt, ge, lt, le or pr.")
        }
        let valueToken = current
        let value = try parseValue(after: word)
        guard comparison.accepts(value) else {
            throw SCIMSyntaxError(
                message: "'\(comparison.rawValue)' at position \(position(of: operatorToken)) cannot compare with "
                    + "\(value.typeDescription) (\(describe(valueToken))).")
        }
        return .comparison(path, comparison, value)
    }

    /// `[urn:]name[.name]`, then optionally `[filter]` touching it and `.name` touching the `]`.
    mutating func parsePath(depth: Int, insideValueFilter: Bool) throws(SCIMSyntaxError) -> SCIMAttributePath {
        let nameToken = current
        guard case .word(let word) = nameToken.kind else { throw expected("an attribute path", found: nameToken) }
        var path = try attributePath(word, at: nameToken)
        advance()
        guard current.kind == .leftBracket, current.start == nameToken.end else { return path }
        let opening = current
        guard !insideValueFilter else {
            throw SCIMSyntaxError(
                message: "Value filters do not nest: '[' at position \(position(of: opening)) is inside another.")
        }
        guard path.subAttribute == nil else {
            throw SCIMSyntaxError(
                message: "A value filter follows an attribute, not a sub-attribute: '[' at position "
                    + "\(position(of: opening)) follows \(describe(nameToken)).")
        }
        try checkDepth(depth, at: opening)
        advance()
        path.valueFilter = try parseOr(depth: depth + 1, insideValueFilter: true)
        let closing = current
        switch closing.kind {
        case .rightBracket: advance()
        case .end:
            throw SCIMSyntaxError(
                message: "Unbalanced brackets: '[' at position \(position(of: opening)) is never closed.")
        default: throw expected("'and', 'or' or ']'", found: closing)
        }
        if case .word(let word) = current.kind, current.start == closing.end {
            guard word.hasPrefix("."), let name = Self.attributeName(word.dropFirst()) else {
                throw expected("'.' and a sub-attribute name after ']'", found: current)
            }
            path.subAttribute = name
            advance()
        }
        return path
    }

    /// A word as `[urn:]name[.name]`: the URN is everything up to the last `:`, which URNs need (`...:2.0:User:`).
    private func attributePath(_ word: String, at token: SCIMFilterToken) throws(SCIMSyntaxError) -> SCIMAttributePath {
        var schema: String?
        var names = Substring(word)
        if let colon = word.lastIndex(of: ":") {
            let urn = word[..<colon]
            guard urn.lowercased().hasPrefix("urn:"), urn.count > 4, urn.unicodeScalars.allSatisfy(\.isASCII) else {
                throw SCIMSyntaxError(
                    message: "\(describe(token)) at position \(position(of: token)) is not an attribute path: "
                        + "only a schema URN (urn:...) comes before a ':'.")
            }
            schema = String(urn)
            names = word[word.index(after: colon)...]
        }
        let parts = names.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let attribute = Self.attributeName(parts[0]) else {
            throw SCIMSyntaxError(
                message: "\(describe(token)) at position \(position(of: token)) is not an attribute path: "
                    + "an attribute name (a letter, then letters, digits, '-' or '_'), at most one '.' and "
                    + "a sub-attribute name.")
        }
        var subAttribute: String?
        if parts.count == 2 {
            guard let name = Self.attributeName(parts[1]) else {
                throw SCIMSyntaxError(
                    message: "\(describe(token)) at position \(position(of: token)) has no valid sub-attribute "
                        + "name after its '.'.")
            }
            subAttribute = name
        }
        return SCIMAttributePath(schema: schema, attribute: attribute, subAttribute: subAttribute)
    }

    /// `name` when it is an attribute name (RFC 7643 §2.1: `ALPHA *(ALPHA / DIGIT / "-" / "_")`, or `$ref`).
    private static func attributeName(_ name: Substring) -> String? {
        if name == "$ref" { return String(name) }
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        let isNameCharacter = { (scalar: Unicode.Scalar) in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
                    || scalar == "_")
        }
        return name.unicodeScalars.allSatisfy(isNameCharacter) ? String(name) : nil
    }

    /// A comparison's value: a JSON string, `true`, `false` or `null` in any case, or a JSON number.
    private mutating func parseValue(after operatorWord: String) throws(SCIMSyntaxError) -> JSONValue {
        let token = current
        let expectation =
            "a value (a string in double quotes, a number, true, false or null) after '\(operatorWord)'"
        switch token.kind {
        case .string(let text):
            advance()
            return .string(text)
        case .word(let word):
            let value: JSONValue
            switch word.lowercased() {
            case "true": value = .bool(true)
            case "false": value = .bool(false)
            case "null": value = .null
            default:
                guard let first = word.utf8.first, first == UInt8(ascii: "-") || (0x30...0x39).contains(first) else {
                    throw expected(expectation, found: token)
                }
                guard case .number(let number)? = try? JSONParser.parse(Array(word.utf8)) else {
                    throw SCIMSyntaxError(
                        message: "\(describe(token)) at position \(position(of: token)) is not a JSON number.")
                }
                value = .number(number)
            }
            advance()
            return value
        default:
            throw expected(expectation, found: token)
        }
    }
}
