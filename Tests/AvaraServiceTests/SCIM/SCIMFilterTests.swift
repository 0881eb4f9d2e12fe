import AvaraTestSupport
import Testing

@testable import AvaraCore
@testable import AvaraService

/// A path without schema, filter or sub-attribute, or with a sub-attribute after a dot.
private func path(_ attribute: String, _ subAttribute: String? = nil) -> SCIMAttributePath {
    SCIMAttributePath(attribute: attribute, subAttribute: subAttribute)
}

/// `attribute eq value`, the most common comparison.
private func equals(_ attribute: String, _ value: JSONValue) -> SCIMFilter {
    .comparison(path(attribute), .equal, value)
}

/// The error `SCIMFilter.parse` throws for `text`.
private func filterError(_ text: String) throws -> SCIMError {
    try #require(throws: SCIMError.self) { try SCIMFilter.parse(text) }
}

@Suite("SCIM filters")
struct SCIMFilterTests {
    @Test(
        "the filters Entra ID and Okta send",
        arguments: [
            (
                #"userName eq "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081""#,
                equals("userName", "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081")
            ),
            (
                #"externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef""#,
                equals("externalId", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef")
            ),
            (
                #"emails[type eq "work"].value eq "a@b.org""#,
                .comparison(
                    SCIMAttributePath(
                        attribute: "emails", valueFilter: equals("type", "work"), subAttribute: "value"),
                    .equal, "a@b.org")
            ),
            (
                #"userName eq "x@y.com" and externalId eq "abc""#,
                .and(equals("userName", "x@y.com"), equals("externalId", "abc"))
            ),
            (#"emails.value eq "a@b.org""#, .comparison(path("emails", "value"), .equal, "a@b.org")),
            (#"id eq "usr_123""#, equals("id", "usr_123")),
        ] as [(String, SCIMFilter)]
    )
    func providerFilters(text: String, expected: SCIMFilter) throws {
        #expect(try SCIMFilter.parse(text) == expected)
    }

    @Test("and binds tighter than or, both group to the left, and parentheses override")
    func precedence() throws {
        let a = equals("a", 1)
        let b = equals("b", 2)
        let c = equals("c", 3)
        #expect(try SCIMFilter.parse("a eq 1 or b eq 2 and c eq 3") == .or(a, .and(b, c)))
        #expect(try SCIMFilter.parse("a eq 1 and b eq 2 or c eq 3") == .or(.and(a, b), c))
        #expect(try SCIMFilter.parse("(a eq 1 or b eq 2) and c eq 3") == .and(.or(a, b), c))
        #expect(try SCIMFilter.parse("a eq 1 and b eq 2 and c eq 3") == .and(.and(a, b), c))
        #expect(try SCIMFilter.parse("a eq 1 or b eq 2 or c eq 3") == .or(.or(a, b), c))
        #expect(try SCIMFilter.parse("not (a eq 1) and b eq 2") == .and(.not(a), b))
        #expect(try SCIMFilter.parse("((a eq 1))") == a)
    }

    @Test("operators, keywords and literals are read in any case; attribute names are kept as written")
    func caseInsensitivity() throws {
        #expect(try SCIMFilter.parse(#"userName EQ "x""#) == equals("userName", "x"))
        #expect(try SCIMFilter.parse(#"userName Eq "x""#) == equals("userName", "x"))
        #expect(
            try SCIMFilter.parse("a PR AND b pr Or c pR")
                == .or(.and(.present(path("a")), .present(path("b"))), .present(path("c"))))
        #expect(try SCIMFilter.parse("NOT (active eq TRUE)") == .not(equals("active", true)))
        #expect(
            try SCIMFilter.parse("active eq False or x eq NULL") == .or(equals("active", false), equals("x", .null)))
        let upper = try SCIMFilter.parse(#"USERNAME eq "x""#)
        #expect(upper == equals("USERNAME", "x"))
        guard case .comparison(let upperPath, _, _) = upper else {
            Issue.record("not a comparison: \(upper)")
            return
        }
        #expect(upperPath.normalizedAttribute == "username")
    }

    @Test("every comparison operator", arguments: SCIMComparisonOperator.allCases)
    func comparisonOperators(comparison: SCIMComparisonOperator) throws {
        #expect(
            try SCIMFilter.parse(#"title \#(comparison.rawValue) "Tour""#)
                == .comparison(path("title"), comparison, "Tour"))
        #expect(
            try SCIMFilter.parse(#"title \#(comparison.rawValue.uppercased()) "Tour""#)
                == .comparison(path("title"), comparison, "Tour"))
    }

    @Test("values: JSON strings with escapes, booleans, null and numbers")
    func values() throws {
        #expect(try SCIMFilter.parse(#"displayName eq "a\"b""#) == equals("displayName", #"a"b"#))
        #expect(try SCIMFilter.parse(#"displayName eq "caf\u00e9 \\ \/""#) == equals("displayName", #"café \ /"#))
        #expect(
            try SCIMFilter.parse(#"displayName eq "Zoë (she/her) [x]""#) == equals("displayName", "Zoë (she/her) [x]"))
        #expect(try SCIMFilter.parse(#"displayName eq """#) == equals("displayName", ""))
        #expect(try SCIMFilter.parse("active eq true") == equals("active", true))
        #expect(try SCIMFilter.parse("active ne false") == .comparison(path("active"), .notEqual, false))
        #expect(try SCIMFilter.parse("manager eq null") == equals("manager", .null))
        #expect(try SCIMFilter.parse("age ge 42") == .comparison(path("age"), .greaterThanOrEqual, 42))
        #expect(try SCIMFilter.parse("score lt -1.5e3") == .comparison(path("score"), .lessThan, .number(-1500)))
        #expect(
            try SCIMFilter.parse(#"meta.lastModified gt "2011-05-13T04:42:34Z""#)
                == .comparison(path("meta", "lastModified"), .greaterThan, "2011-05-13T04:42:34Z"))
    }

    @Test("presence and not, with or without a space before the parenthesis")
    func presenceAndNot() throws {
        #expect(try SCIMFilter.parse("title pr") == .present(path("title")))
        #expect(try SCIMFilter.parse("name.givenName pr") == .present(path("name", "givenName")))
        #expect(try SCIMFilter.parse(#"not (userName eq "x")"#) == .not(equals("userName", "x")))
        #expect(try SCIMFilter.parse(#"not(userName eq "x")"#) == .not(equals("userName", "x")))
        #expect(try SCIMFilter.parse("not (not (a pr))") == .not(.not(.present(path("a")))))
    }

    @Test("value paths: compared through a sub-attribute, or alone")
    func valuePaths() throws {
        let workAndPrimary = SCIMFilter.and(equals("type", "work"), equals("primary", true))
        #expect(
            try SCIMFilter.parse(#"emails[type eq "work" and primary eq true].value eq "x""#)
                == .comparison(
                    SCIMAttributePath(attribute: "emails", valueFilter: workAndPrimary, subAttribute: "value"),
                    .equal, "x"))
        #expect(
            try SCIMFilter.parse(#"emails[type eq "work"]"#)
                == .valuePath(SCIMAttributePath(attribute: "emails", valueFilter: equals("type", "work"))))
        #expect(
            try SCIMFilter.parse(#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#)
                == .and(
                    equals("userType", "Employee"),
                    .valuePath(
                        SCIMAttributePath(
                            attribute: "emails",
                            valueFilter: .and(
                                equals("type", "work"), .comparison(path("value"), .contains, "@example.com"))))))
        #expect(
            try SCIMFilter.parse(#"emails[not (type eq "home")].value pr"#)
                == .present(
                    SCIMAttributePath(
                        attribute: "emails", valueFilter: .not(equals("type", "home")), subAttribute: "value")))
    }

    @Test("schema URNs before attribute names, dots and colons included")
    func urnPrefixes() throws {
        let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        #expect(
            try SCIMFilter.parse(#"\#(enterprise):employeeNumber eq "701984""#)
                == .comparison(SCIMAttributePath(schema: enterprise, attribute: "employeeNumber"), .equal, "701984"))
        #expect(
            try SCIMFilter.parse(#"urn:ietf:params:scim:schemas:core:2.0:User:name.familyName co "O'Malley""#)
                == .comparison(
                    SCIMAttributePath(
                        schema: "urn:ietf:params:scim:schemas:core:2.0:User", attribute: "name",
                        subAttribute: "familyName"),
                    .contains, "O'Malley"))
    }

    @Test(
        "malformed filters are invalidFilter errors that name the problem",
        arguments: [
            (#"userName eq "abc"#, "Unterminated string starting at position 13"),
            (#"userName equals "x""#, "Unknown operator 'equals' at position 10"),
            (#"userName eq "x" and"#, "Expected a filter at position 20, found the end of the filter."),
            (#"userName eq "x" and or b pr"#, "Expected a filter at position 21, found 'or'."),
            (#"and userName eq "x""#, "Expected a filter at position 1, found 'and'."),
            (#"emails[type eq "work""#, "Unbalanced brackets: '[' at position 7 is never closed."),
            (#"emails[type eq "work")"#, "Expected 'and', 'or' or ']' at position 22, found ')'."),
            (#"userName eq "x"]"#, "Unbalanced brackets: ']' at position 16 has no matching '['."),
            (#"(userName eq "x""#, "Unbalanced parentheses: '(' at position 1 is never closed."),
            (#"((a pr) or b pr"#, "Unbalanced parentheses: '(' at position 1 is never closed."),
            (#"userName eq "x")"#, "Unbalanced parentheses: ')' at position 16 has no matching '('."),
            ("()", "Expected a filter at position 2, found ')'."),
            ("", "The filter is empty."),
            ("  \t ", "The filter is empty."),
            ("userName eq", "Expected a value (a string in double quotes, a number, true, false or null) after 'eq'"),
            ("userName eq work", "found 'work'"),
            ("userName", "Expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr) at position 9"),
            (#"userName eq "x" userName eq "y""#, "Expected 'and', 'or' or the end of the filter at position 17"),
            (#"not userName eq "x""#, "'not' at position 1 must be followed by a filter in parentheses"),
            ("9lives eq 1", "'9lives' at position 1 is not an attribute path"),
            (#"name.givenName.first eq "x""#, "is not an attribute path"),
            (#"name. eq "x""#, "has no valid sub-attribute name"),
            ("foo:bar eq 1", "only a schema URN (urn:...) comes before a ':'"),
            (#"emails[type eq "work"] eq "x""#, "A value filter is not compared itself"),
            (#"emails[type eq "work"]value eq "x""#, "Expected '.' and a sub-attribute name after ']'"),
            (#"emails[type[value eq "x"] pr]"#, "Value filters do not nest: '[' at position 12"),
            (#"name.givenName[type eq "x"] pr"#, "A value filter follows an attribute, not a sub-attribute"),
            ("age eq 1.2.3", "'1.2.3' at position 8 is not a JSON number."),
            ("age eq 1e999", "is not a JSON number"),
            (#"userName eq "\x""#, "The string at position 13 is not a valid JSON string"),
            ("active gt true", "'gt' at position 8 cannot compare with a boolean"),
            ("title co null", "'co' at position 7 cannot compare with null"),
            ("age sw 4", "'sw' at position 5 cannot compare with a number"),
        ]
    )
    func malformed(text: String, detailFragment: String) throws {
        let error = try filterError(text)
        #expect(error.status == 400)
        #expect(error.scimType == "invalidFilter")
        #expect(error.detail.contains(detailFragment), "\(error.detail)")
    }

    @Test("positions count characters, not bytes; echoed tokens are cut short")
    func positionsAndEchoes() throws {
        #expect(try filterError(#"displayName eq "Zoë" zz"#).detail.contains("at position 22, found 'zz'"))
        let long = String(repeating: "a", count: 1000)
        let error = try filterError("userName \(long) 1")
        #expect(error.detail.contains("'\(String(repeating: "a", count: 40))...'"))
        #expect(error.detail.count < 200)
    }

    @Test("nesting stops at the depth limit, however deep the input goes")
    func depthLimit() throws {
        let limit = SCIMFilter.maximumDepth
        func nested(_ depth: Int) -> String {
            String(repeating: "(", count: depth) + "a pr" + String(repeating: ")", count: depth)
        }
        #expect(try SCIMFilter.parse(nested(limit)) == .present(path("a")))
        #expect(try filterError(nested(limit + 1)).detail.contains("nests deeper than \(limit) levels"))
        let notChain = String(repeating: "not (", count: 500) + "a pr" + String(repeating: ")", count: 500)
        #expect(try filterError(notChain).detail.contains("nests deeper than \(limit) levels"))
        let opened = try filterError(String(repeating: "(", count: 4000))
        #expect(
            opened.detail.contains(
                "nests deeper than \(limit) levels of parentheses and brackets at position \(limit + 1)."))
    }

    @Test("10,000 opening parentheses, or any filter over the length limit, are refused unread")
    func lengthLimit() throws {
        let parentheses = try filterError(String(repeating: "(", count: 10_000))
        #expect(parentheses == .invalidFilter("The filter is 10000 bytes long; the limit is 4096."))
        let chain = "a pr" + String(repeating: " and a pr", count: 450)
        #expect(chain.utf8.count <= SCIMFilter.maximumLength)
        var terms = 1
        var filter = try SCIMFilter.parse(chain)
        while case .and(let left, let right) = filter {
            #expect(right == .present(path("a")))
            filter = left
            terms += 1
        }
        #expect(terms == 451)
        let tooLong = chain + String(repeating: " ", count: SCIMFilter.maximumLength + 1 - chain.utf8.count)
        #expect(try filterError(tooLong) == .invalidFilter("The filter is 4097 bytes long; the limit is 4096."))
    }

    @Test("mutated filters never trap: each parses or is an invalidFilter")
    func mutatedInputs() {
        let seeds = [
            #"emails[type eq "work" and primary eq true].value eq "x""#,
            #"not (userName eq "a\"b") or (title pr and age ge -1.5)"#,
            #"urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw "Zo\u00eb""#,
        ]
        let pieces = ["(", ")", "[", "]", "\"", "\\", ".", ":", " ", "and ", "or ", "not ", "pr", "eq 1", "é", "\u{0}"]
        var generator = SplitMix64(seed: 0x5C13)
        var parsed = 0
        let runs = 3000
        for run in 0..<runs {
            var characters = Array(seeds[run % seeds.count])
            for _ in 0...Int(generator.next() % 3) {
                let position = Int(generator.next() % UInt64(characters.count + 1))
                if generator.next() % 2 == 0, position < characters.count {
                    characters.remove(at: position)
                } else {
                    let piece = pieces[Int(generator.next() % UInt64(pieces.count))]
                    characters.insert(contentsOf: piece, at: position)
                }
            }
            let text = String(characters)
            do {
                _ = try SCIMFilter.parse(text)
                parsed += 1
            } catch {
                #expect(error.scimType == "invalidFilter" && error.status == 400, "\(text): \(error)")
            }
        }
        // Both outcomes are explored.
        #expect(parsed > 0 && parsed < runs)
    }
}

/// A small seeded generator, so that the random inputs are the same on every run.
private struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
