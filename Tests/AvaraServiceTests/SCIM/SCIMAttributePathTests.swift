import AvaraTestSupport
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("SCIM attribute paths")
struct SCIMAttributePathTests {
    private static let coreUser = "urn:ietf:params:scim:schemas:core:2.0:User"
    private static let enterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    private static let avaraUser = "urn:ietf:params:scim:schemas:extension:avara:2.0:User"
    private static let workType = SCIMFilter.comparison(SCIMAttributePath(attribute: "type"), .equal, "work")

    @Test(
        "attributes, sub-attributes, value filters and schema URNs",
        arguments: [
            ("userName", SCIMAttributePath(attribute: "userName")),
            ("active", SCIMAttributePath(attribute: "active")),
            ("name.givenName", SCIMAttributePath(attribute: "name", subAttribute: "givenName")),
            ("members.$ref", SCIMAttributePath(attribute: "members", subAttribute: "$ref")),
            ("x-custom_2", SCIMAttributePath(attribute: "x-custom_2")),
            (
                "\(avaraUser):clinicRole",
                SCIMAttributePath(schema: avaraUser, attribute: "clinicRole")
            ),
            (
                "\(coreUser):name.givenName",
                SCIMAttributePath(schema: coreUser, attribute: "name", subAttribute: "givenName")
            ),
            (
                "\(enterpriseUser):department",
                SCIMAttributePath(schema: enterpriseUser, attribute: "department")
            ),
            (
                "\(enterpriseUser):manager.value",
                SCIMAttributePath(schema: enterpriseUser, attribute: "manager", subAttribute: "value")
            ),
            (
                #"emails[type eq "work"].value"#,
                SCIMAttributePath(attribute: "emails", valueFilter: workType, subAttribute: "value")
            ),
            (
                #"phoneNumbers[type eq "work"]"#,
                SCIMAttributePath(attribute: "phoneNumbers", valueFilter: workType)
            ),
            (
                #"\#(coreUser):emails[type eq "work"].value"#,
                SCIMAttributePath(schema: coreUser, attribute: "emails", valueFilter: workType, subAttribute: "value")
            ),
            (
                #"members[value eq "urn:avara:user:usr_1"]"#,
                SCIMAttributePath(
                    attribute: "members",
                    valueFilter: .comparison(SCIMAttributePath(attribute: "value"), .equal, "urn:avara:user:usr_1"))
            ),
            (
                #"addresses[type eq "work" and not (primary eq false)].streetAddress"#,
                SCIMAttributePath(
                    attribute: "addresses",
                    valueFilter: .and(
                        workType, .not(.comparison(SCIMAttributePath(attribute: "primary"), .equal, false))),
                    subAttribute: "streetAddress")
            ),
            ("  userName ", SCIMAttributePath(attribute: "userName")),
        ] as [(String, SCIMAttributePath)]
    )
    func validPaths(text: String, expected: SCIMAttributePath) throws {
        #expect(try SCIMAttributePath.parse(text) == expected)
    }

    @Test("names are kept as written and compared in their normalized, lowercase forms")
    func normalizedForms() throws {
        let written = try SCIMAttributePath.parse("URN:IETF:params:scim:schemas:core:2.0:User:Name.GivenName")
        #expect(written.schema == "URN:IETF:params:scim:schemas:core:2.0:User")
        #expect(written.attribute == "Name")
        #expect(written.subAttribute == "GivenName")
        #expect(written.normalizedSchema == "urn:ietf:params:scim:schemas:core:2.0:user")
        #expect(written.normalizedAttribute == "name")
        #expect(written.normalizedSubAttribute == "givenname")
        #expect(written.normalizedName == "urn:ietf:params:scim:schemas:core:2.0:user:name.givenname")
        let lower = try SCIMAttributePath.parse("urn:ietf:params:scim:schemas:core:2.0:user:name.givenname")
        #expect(written != lower)
        #expect(written.normalizedName == lower.normalizedName)
        #expect(try SCIMAttributePath.parse("ACTIVE").normalizedName == "active")
        #expect(try SCIMAttributePath.parse(#"EMAILS[TYPE EQ "work"].VALUE"#).normalizedName == "emails.value")
    }

    @Test("a value filter's operators and keywords are read in any case")
    func valueFilterCase() throws {
        let path = try SCIMAttributePath.parse(#"emails[TYPE EQ "work" AND Primary Eq TRUE]"#)
        #expect(
            path.valueFilter
                == .and(
                    .comparison(SCIMAttributePath(attribute: "TYPE"), .equal, "work"),
                    .comparison(SCIMAttributePath(attribute: "Primary"), .equal, true)))
    }

    @Test(
        "malformed paths are invalidPath errors that name the problem",
        arguments: [
            ("", "The path is empty."),
            ("   ", "The path is empty."),
            ("name..givenName", "'name..givenName' at position 1 is not an attribute path"),
            ("name.", "has no valid sub-attribute name"),
            (".name", "is not an attribute path"),
            ("name.givenName.first", "is not an attribute path"),
            ("1name", "is not an attribute path"),
            ("user name", "Expected the end of the path at position 6, found 'name'."),
            ("emails [type eq \"work\"]", "Expected the end of the path at position 8, found '['."),
            (#"emails[type eq "work""#, "Unbalanced brackets: '[' at position 7 is never closed."),
            ("emails[type eq]", "Expected a value"),
            ("emails[]", "Expected a filter at position 8, found ']'."),
            ("emails]", "Unbalanced brackets: ']' at position 7 has no matching '['."),
            (#"emails[type eq "work"]value"#, "Expected '.' and a sub-attribute name after ']'"),
            (#"emails[type eq "work"]."#, "Expected '.' and a sub-attribute name after ']'"),
            (#"emails[type eq "work"][value pr]"#, "Expected the end of the path at position 23, found '['."),
            (#"emails[(type eq "work"]"#, "Expected 'and', 'or' or ')' at position 23, found ']'."),
            (#"name.givenName[type eq "x"]"#, "A value filter follows an attribute, not a sub-attribute"),
            ("\(coreUser):", "is not an attribute path"),
            ("http://example.com/x", "only a schema URN (urn:...) comes before a ':'"),
            ("urn:userName", "only a schema URN"),
            ("Ωmega", "is not an attribute path"),
            (#""userName""#, "Expected an attribute path at position 1, found the string \"userName\"."),
        ]
    )
    func malformed(text: String, detailFragment: String) throws {
        let error = try #require(throws: SCIMError.self) { try SCIMAttributePath.parse(text) }
        #expect(error.status == 400)
        #expect(error.scimType == "invalidPath")
        #expect(error.detail.contains(detailFragment), "\(error.detail)")
    }

    @Test("a path over the length limit is refused unread, and nesting in its filter is bounded")
    func limits() throws {
        let long = String(repeating: "a", count: SCIMFilter.maximumLength + 1)
        let tooLong = try #require(throws: SCIMError.self) { try SCIMAttributePath.parse(long) }
        #expect(tooLong == .invalidPath("The path is 4097 bytes long; the limit is 4096."))
        let deep =
            "emails[" + String(repeating: "(", count: 1000) + "type pr" + String(repeating: ")", count: 1000)
            + "]"
        let tooDeep = try #require(throws: SCIMError.self) { try SCIMAttributePath.parse(deep) }
        #expect(tooDeep.detail.contains("The path nests deeper than \(SCIMFilter.maximumDepth) levels"))
    }
}
