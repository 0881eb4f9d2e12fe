/// A recursive-descent parser of filters and attribute paths (RFC 7644 §3.4.2.2, §3.5.2), which share it: a path
/// holds a filter in brackets, and a filter holds paths.
///
/// Grammar, keywords and operators in any case:
///
///     filter     = or
///     or         = and *("or" and)
///     and        = unary *("and" unary)
///     unary      = "not" "(" or ")" / "(" or ")" / path ("pr" / operator value) / valuePath
///     path       = [urn ":"] name ["." name] ["[" or "]" ["." name]]
///
/// Recursion only goes one level deeper at `(`, `not (` and `[`, at most ``SCIMFilter/maximumDepth`` times, and
/// the text is at most ``SCIMFilter/maximumLength`` bytes, so no input can exhaust the stack.
///
/// ```swift
/// var parser = try SCIMFilterParser(#"title pr or userType eq "Employee""#, subject: "filter")
/// let filter = try parser.parseWholeFilter()
/// ```
struct SCIMFilterParser {
    let bytes: [UInt8]
    /// What the text is, for messages: "filter" or "path".
    let subject: String
    private let tokens: [SCIMFilterToken]
    private var index = 0

    init(_ text: String, subject: String) throws(SCIMSyntaxError) {
        let length = text.utf8.count
        guard length <= SCIMFilter.maximumLength else {
            throw SCIMSyntaxError(
                message: "The \(subject) is \(length) bytes long; the limit is \(SCIMFilter.maximumLength).")
        }
        self.bytes = Array(text.utf8)
        self.subject = subject
        self.tokens = try SCIMFilterLexer.tokens(of: bytes)
    }

    /// The token being read (the last one, `.end`, once all are read).
    var current: SCIMFilterToken {
        tokens[min(index, tokens.count - 1)]
    }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    /// The whole text as one filter.
    mutating func parseWholeFilter() throws(SCIMSyntaxError) -> SCIMFilter {
        guard current.kind != .end else { throw SCIMSyntaxError(message: "The filter is empty.") }
        let filter = try parseOr(depth: 0, insideValueFilter: false)
        try expectEnd()
        return filter
    }

    /// The whole text as one attribute path.
    mutating func parseWholePath() throws(SCIMSyntaxError) -> SCIMAttributePath {
        guard current.kind != .end else { throw SCIMSyntaxError(message: "The path is empty.") }
        let path = try parsePath(depth: 0, insideValueFilter: false)
        try expectEnd()
        return path
    }

    mutating func parseOr(depth: Int, insideValueFilter: Bool) throws(SCIMSyntaxError) -> SCIMFilter {
        var filter = try parseAnd(depth: depth, insideValueFilter: insideValueFilter)
        while isKeyword("or") {
            advance()
            filter = .or(filter, try parseAnd(depth: depth, insideValueFilter: insideValueFilter))
        }
        return filter
    }

    private mutating func parseAnd(depth: Int, insideValueFilter: Bool) throws(SCIMSyntaxError) -> SCIMFilter {
        var filter = try parseUnary(depth: depth, insideValueFilter: insideValueFilter)
        while isKeyword("and") {
            advance()
            filter = .and(filter, try parseUnary(depth: depth, insideValueFilter: insideValueFilter))
        }
        return filter
    }

    private mutating func parseUnary(depth: Int, insideValueFilter: Bool) throws(SCIMSyntaxError) -> SCIMFilter {
        switch current.kind {
        case .leftParenthesis:
            return try parseGroup(depth: depth, insideValueFilter: insideValueFilter)
        case .word(let word) where word.lowercased() == "not":
            let keyword = current
            advance()
            guard current.kind == .leftParenthesis else {
                throw SCIMSyntaxError(
                    message: "'not' at position \(position(of: keyword)) must be followed by a filter in parentheses, "
                        + "found \(describe(current)).")
            }
            return .not(try parseGroup(depth: depth, insideValueFilter: insideValueFilter))
        case .word(let word) where ["and", "or"].contains(word.lowercased()):
            throw expected("a filter", found: current)
        case .word:
            return try parseAttributeExpression(depth: depth, insideValueFilter: insideValueFilter)
        default:
            throw expected("a filter", found: current)
        }
    }

    /// `( or )`, one level deeper.
    private mutating func parseGroup(depth: Int, insideValueFilter: Bool) throws(SCIMSyntaxError) -> SCIMFilter {
        let opening = current
        try checkDepth(depth, at: opening)
        advance()
        let filter = try parseOr(depth: depth + 1, insideValueFilter: insideValueFilter)
        switch current.kind {
        case .rightParenthesis:
            advance()
            return filter
        case .end:
            throw SCIMSyntaxError(
                message: "Unbalanced parentheses: '(' at position \(position(of: opening)) is never closed.")
        default:
            throw expected("'and', 'or' or ')'", found: current)
        }
    }

    /// Refuses to go deeper than ``SCIMFilter/maximumDepth``.
    func checkDepth(_ depth: Int, at token: SCIMFilterToken) throws(SCIMSyntaxError) {
        guard depth < SCIMFilter.maximumDepth else {
            throw SCIMSyntaxError(
                message: "The \(subject) nests deeper than \(SCIMFilter.maximumDepth) levels of parentheses "
                    + "and brackets at position \(position(of: token)).")
        }
    }

    private func expectEnd() throws(SCIMSyntaxError) {
        switch current.kind {
        case .end: return
        case .rightParenthesis:
            throw SCIMSyntaxError(
                message: "Unbalanced parentheses: ')' at position \(position(of: current)) has no matching '('.")
        case .rightBracket:
            throw SCIMSyntaxError(
                message: "Unbalanced brackets: ']' at position \(position(of: current)) has no matching '['.")
        default:
            let expectation = subject == "path" ? "the end of the path" : "'and', 'or' or the end of the filter"
            throw expected(expectation, found: current)
        }
    }

    /// Whether the current token is the keyword, in any case.
    func isKeyword(_ keyword: String) -> Bool {
        guard case .word(let word) = current.kind else { return false }
        return word.lowercased() == keyword
    }

    func position(of token: SCIMFilterToken) -> Int {
        SCIMFilterLexer.position(of: token.start, in: bytes)
    }

    /// "Expected X at position N, found Y."
    func expected(_ expectation: String, found token: SCIMFilterToken) -> SCIMSyntaxError {
        SCIMSyntaxError(
            message: "Expected \(expectation) at position \(position(of: token)), found \(describe(token)).")
    }

    /// The token as messages name it, long words and strings cut short.
    func describe(_ token: SCIMFilterToken) -> String {
        switch token.kind {
        case .word(let word): "'\(Self.shortened(word))'"
        case .string(let text): "the string \"\(Self.shortened(text))\""
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .end: "the end of the \(subject)"
        }
    }

    /// At most 40 characters of `text`, so that an error never echoes a whole hostile input.
    static func shortened(_ text: some StringProtocol) -> String {
        text.count <= 40 ? String(text) : String(text.prefix(40)) + "..."
    }
}
