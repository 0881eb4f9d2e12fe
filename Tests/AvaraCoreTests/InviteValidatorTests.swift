import Foundation
import Testing

@testable import AvaraCore
import AvaraTestSupport

@Suite("JSONValue")
struct JSONValueTests {
    @Test("true and false decode as booleans", arguments: [("true", true), ("false", false)])
    func booleansStayBooleans(json: String, expected: Bool) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        #expect(value == .bool(expected))
    }

    @Test(
        "1 and 0 decode as numbers, not booleans",
        arguments: [("1", 1.0), ("0", 0.0), ("1.5", 1.5), ("-2e3", -2000.0)]
    )
    func numbersStayNumbers(json: String, expected: Double) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        #expect(value == .number(expected))
    }

    @Test("strings, null, arrays and objects keep their shape")
    func otherTypesKeepTheirShape() throws {
        let json = #"{"s":"true","n":null,"a":[1,true,"x"],"o":{"k":false}}"#
        let object = try JSONValue.parseObject(Data(json.utf8))
        #expect(object["s"] == .string("true"))
        #expect(object["n"] == .null)
        #expect(object["a"] == .array([.number(1), .bool(true), .string("x")]))
        #expect(object["o"] == .object(["k": .bool(false)]))
    }

    @Test("each JSON type is named with its article for messages")
    func typeDescriptions() {
        #expect(JSONValue.null.typeDescription == "null")
        #expect(JSONValue.bool(true).typeDescription == "a boolean")
        #expect(JSONValue.number(1).typeDescription == "a number")
        #expect(JSONValue.string("x").typeDescription == "a string")
        #expect(JSONValue.array([]).typeDescription == "an array")
        #expect(JSONValue.object([:]).typeDescription == "an object")
    }

    @Test("parseObject accepts Data and plain byte arrays")
    func parseObjectAcceptsBytes() throws {
        let json = #" {"firstName": "Sarah", "canManageStudies": true} "#
        let fromData = try JSONValue.parseObject(Data(json.utf8))
        let fromBytes = try JSONValue.parseObject(Array(json.utf8))
        #expect(fromData == ["firstName": .string("Sarah"), "canManageStudies": .bool(true)])
        #expect(fromBytes == fromData)
    }

    @Test(
        "parseObject rejects bytes that are not JSON",
        arguments: ["", "   ", "{", "{\"a\":}", "nope", "{'a': 1}", "{} {}", #"{"a":"\ud800"}"#]
    )
    func parseObjectRejectsInvalidJSON(body: String) {
        #expect(throws: JSONBodyError.notJSON) {
            try JSONValue.parseObject(Data(body.utf8))
        }
    }

    @Test("parseObject rejects JSON that is not an object", arguments: ["[]", "[{}]", "1", "\"{}\"", "null", "true"])
    func parseObjectRejectsNonObjects(body: String) {
        #expect(throws: JSONBodyError.notAnObject) {
            try JSONValue.parseObject(Data(body.utf8))
        }
    }

    @Test("parseObject rejects nesting deeper than the decoder allows instead of overflowing the stack")
    func parseObjectRejectsDeepNesting() {
        let depth = 10_000
        let body = "{\"a\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(throws: JSONBodyError.notJSON) {
            try JSONValue.parseObject(Data(body.utf8))
        }
    }
}

@Suite("ProductRules")
struct ProductRulesTests {
    @Test("products have display names and path components")
    func productNames() {
        #expect(Product.viewer.displayName == "Viewer")
        #expect(Product.autoScribe.displayName == "AutoScribe")
        #expect(Product.viewer.pathComponent == "viewer")
        #expect(Product.autoScribe.pathComponent == "autoScribe")
    }

    @Test("the role lists from the spec have 21 and 61 roles")
    func roleCounts() {
        #expect(ValidationFixtures.rules(for: .viewer).allowedRoles.count == 21)
        #expect(ValidationFixtures.rules(for: .autoScribe).allowedRoles.count == 61)
    }

    @Test("duplicate roles are dropped, keeping the spec's order")
    func duplicatesAreDropped() {
        let rules = ProductRules(product: .viewer, allowedRoles: ["Doctor", "Other", "Doctor"])
        #expect(rules.allowedRoles == ["Doctor", "Other"])
    }

    @Test("roles are looked up case-sensitively, with a case-insensitive suggestion")
    func roleLookups() {
        let rules = ValidationFixtures.rules(for: .viewer)
        #expect(rules.allows(role: "PACS Administrator"))
        #expect(!rules.allows(role: "pacs administrator"))
        #expect(rules.suggestedRole(for: "pacs administrator") == "PACS Administrator")
        #expect(rules.suggestedRole(for: "Janitor") == nil)
    }
}

@Suite("InviteValidator")
struct InviteValidatorTests {
    typealias Fixtures = ValidationFixtures

    // MARK: Valid bodies

    @Test("a body with only the required fields is valid", arguments: Product.allCases)
    func minimalBodyIsValid(product: Product) {
        #expect(Fixtures.errors(product, Fixtures.minimalBody(for: product)) == [])
    }

    @Test("a body with every field is valid", arguments: Product.allCases)
    func fullBodyIsValid(product: Product) {
        #expect(Fixtures.errors(product, Fixtures.fullBody(for: product)) == [])
    }

    @Test("the spec's example body parses and is valid for Viewer")
    func specExampleIsValid() throws {
        let json = #"""
            {"canManageStudies": true, "clinicRole": "Radiologist", "email": "dr.johnson@hospital.org",
             "firstName": "Sarah", "hasDashboardAccess": true, "lastName": "Johnson", "level": "member",
             "middleName": "Marie", "phoneNumber": "5551234567", "suffix1": "MD", "suffix2": "FACR"}
            """#
        let body = try JSONValue.parseObject(Data(json.utf8))
        #expect(Fixtures.errors(.viewer, body) == [])
    }

    @Test("unknown fields are ignored", arguments: Product.allCases)
    func unknownFieldsAreIgnored(product: Product) {
        var body = Fixtures.minimalBody(for: product)
        body["userId"] = .string("usr_not-even-valid")
        body["favouriteColour"] = .array([.null])
        body["CanManageStudies"] = .string("yes")
        #expect(Fixtures.errors(product, body) == [])
    }

    @Test("Viewer ignores canCreateReports and npiNumber, whatever they hold")
    func viewerIgnoresAutoScribeFields() {
        var body = Fixtures.minimalBody(for: .viewer)
        body["canCreateReports"] = .string("true")
        body["npiNumber"] = .number(42)
        #expect(Fixtures.errors(.viewer, body) == [])
        body["canCreateReports"] = .bool(true)
        body["npiNumber"] = nil
        #expect(Fixtures.errors(.viewer, body) == [])
    }

    // MARK: Required fields and types

    @Test(
        "each required field must be present",
        arguments: Product.allCases,
        ["canManageStudies", "clinicRole", "email", "firstName", "hasDashboardAccess", "lastName", "level"]
    )
    func requiredFieldMustBePresent(product: Product, field: String) {
        let errors = Fixtures.errors(product, setting: field, to: nil)
        #expect(errors == [FieldError(field: field, message: "is required")])
    }

    @Test("AutoScribe requires canCreateReports")
    func autoScribeRequiresCanCreateReports() {
        let errors = Fixtures.errors(.autoScribe, setting: "canCreateReports", to: nil)
        #expect(errors == [FieldError(field: "canCreateReports", message: "is required")])
    }

    @Test("an empty body lists every required field", arguments: Product.allCases)
    func emptyBodyListsEveryRequiredField(product: Product) {
        var expected = [
            "canManageStudies", "clinicRole", "email", "firstName", "hasDashboardAccess", "lastName", "level",
        ]
        if product == .autoScribe {
            expected.insert("canCreateReports", at: 0)
        }
        let errors = Fixtures.errors(product, [:])
        #expect(errors.map(\.field) == expected)
        #expect(errors.allSatisfy { $0.message == "is required" })
    }

    @Test(
        "a boolean field rejects other JSON types without coercing them",
        arguments: [
            (JSONValue.string("true"), "must be a boolean, got a string"),
            (JSONValue.number(1), "must be a boolean, got a number"),
            (JSONValue.null, "must be a boolean, got null"),
            (JSONValue.array([.bool(true)]), "must be a boolean, got an array"),
        ]
    )
    func booleanFieldRejectsOtherTypes(value: JSONValue, message: String) {
        for product in Product.allCases {
            for field in ["canManageStudies", "hasDashboardAccess"] {
                let errors = Fixtures.errors(product, setting: field, to: value)
                #expect(errors == [FieldError(field: field, message: message)])
            }
        }
        let errors = Fixtures.errors(.autoScribe, setting: "canCreateReports", to: value)
        #expect(errors == [FieldError(field: "canCreateReports", message: message)])
    }

    @Test(
        "a required string field rejects other JSON types",
        arguments: Product.allCases,
        ["clinicRole", "email", "firstName", "lastName", "level"]
    )
    func requiredStringRejectsOtherTypes(product: Product, field: String) {
        #expect(
            Fixtures.errors(product, setting: field, to: .number(7))
                == [FieldError(field: field, message: "must be a string, got a number")]
        )
        #expect(
            Fixtures.errors(product, setting: field, to: .null)
                == [FieldError(field: field, message: "must be a string, got null")]
        )
        #expect(
            Fixtures.errors(product, setting: field, to: .object([:]))
                == [FieldError(field: field, message: "must be a string, got an object")]
        )
    }

    @Test(
        "an optional field may be absent or null but must otherwise be a string",
        arguments: Product.allCases,
        ["middleName", "phoneNumber", "suffix1", "suffix2", "npiNumber"]
    )
    func optionalFieldMustBeAStringWhenGiven(product: Product, field: String) {
        #expect(Fixtures.errors(product, setting: field, to: nil) == [])
        #expect(Fixtures.errors(product, setting: field, to: .null) == [])
        let expected = field == "npiNumber" && product == .viewer
            ? []
            : [FieldError(field: field, message: "must be a string, got a boolean")]
        #expect(Fixtures.errors(product, setting: field, to: .bool(true)) == expected)
    }

    // MARK: Names

    @Test(
        "a name part accepts ordinary names, including non-ASCII ones",
        arguments: ["A", "Sarah", "O'Brien-Smith", "Zoë", "José María", "李", "Jr.", "III"]
    )
    func namePartAcceptsNames(name: String) {
        for product in Product.allCases {
            for field in Fixtures.nameFields {
                #expect(Fixtures.errors(product, setting: field, to: .string(name)) == [])
            }
        }
    }

    @Test("a name part must contain a non-whitespace character", arguments: ["", " ", "   ", "\u{00A0}", "\u{3000}"])
    func namePartMustNotBeBlank(name: String) {
        for product in Product.allCases {
            for field in Fixtures.nameFields {
                let errors = Fixtures.errors(product, setting: field, to: .string(name))
                let expected = FieldError(field: field, message: "must contain at least one non-whitespace character")
                #expect(errors == [expected])
            }
        }
    }

    @Test("a name part may have 100 characters but not 101, counting Characters rather than bytes")
    func namePartLength() {
        let doctor = "👩‍⚕️"
        for product in Product.allCases {
            for field in Fixtures.nameFields {
                #expect(Fixtures.errors(product, setting: field, to: .string(String(repeating: "a", count: 100))) == [])
                let doctors = String(repeating: doctor, count: 100)
                #expect(Fixtures.errors(product, setting: field, to: .string(doctors)) == [])
                #expect(
                    Fixtures.errors(product, setting: field, to: .string(String(repeating: "a", count: 101)))
                        == [FieldError(field: field, message: "must be at most 100 characters")]
                )
            }
        }
    }

    @Test(
        "a name part must not contain control characters, which could inject email headers",
        arguments: [
            "Sarah\nBcc: x@evil.example", "Sarah\r", "Sa\trah", "Sarah\u{0}", "Sarah\u{7F}", "Sarah\u{85}", "Sarah\r\n",
        ]
    )
    func namePartRejectsControlCharacters(name: String) {
        for product in Product.allCases {
            for field in Fixtures.nameFields {
                let errors = Fixtures.errors(product, setting: field, to: .string(name))
                #expect(errors == [FieldError(field: field, message: "must not contain control characters")])
            }
        }
    }

    @Test(
        "a name part must not contain format characters, which make it display as another name",
        arguments: ["Sarah\u{202E}nhoJ", "\u{2066}Sarah", "Sa\u{200B}rah", "Sarah\u{FEFF}", "Sa\u{AD}rah", "\u{61C}Sarah"]
    )
    func namePartRejectsFormatCharacters(name: String) {
        for product in Product.allCases {
            for field in Fixtures.nameFields {
                let errors = Fixtures.errors(product, setting: field, to: .string(name))
                #expect(errors == [
                    FieldError(field: field, message: "must not contain invisible format characters such as bidi controls"),
                ])
            }
        }
    }

    @Test("the joiners of Persian and Indic spelling are allowed in names")
    func namePartAllowsJoiners() {
        for name in ["\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}", "\u{0915}\u{094D}\u{200D}\u{0937}"] {
            #expect(Fixtures.errors(.viewer, setting: "firstName", to: .string(name)) == [])
        }
    }

    @Test("a name part lists every rule it breaks")
    func namePartListsEveryRule() {
        #expect(
            Fixtures.errors(.viewer, setting: "firstName", to: .string("\t"))
                == [
                    FieldError(field: "firstName", message: "must contain at least one non-whitespace character"),
                    FieldError(field: "firstName", message: "must not contain control characters"),
                ]
        )
        #expect(
            Fixtures.errors(.viewer, setting: "lastName", to: .string(String(repeating: "a", count: 101) + "\n"))
                == [
                    FieldError(field: "lastName", message: "must be at most 100 characters"),
                    FieldError(field: "lastName", message: "must not contain control characters"),
                ]
        )
    }

    // MARK: Email

    @Test(
        "email accepts ordinary addresses",
        arguments: [
            "dr.johnson@hospital.org", "a@b.co", "first.last+tag@sub.clinic.example", "o'brien@hospital.org",
            "DR.JOHNSON@HOSPITAL.ORG", "user@xn--bcher-kva.example",
        ]
    )
    func emailAcceptsAddresses(email: String) {
        for product in Product.allCases {
            #expect(Fixtures.errors(product, setting: "email", to: .string(email)) == [])
        }
    }

    @Test(
        "email rejects malformed addresses with a specific message",
        arguments: [
            ("", "must contain exactly one \"@\""),
            ("dr.johnson.hospital.org", "must contain exactly one \"@\""),
            ("dr@johnson@hospital.org", "must contain exactly one \"@\""),
            ("@hospital.org", "must have at least one character before \"@\""),
            ("dr.johnson@", "must have a domain containing a dot after \"@\""),
            ("dr.johnson@localhost", "must have a domain containing a dot after \"@\""),
            ("dr.johnson@.hospital.org", "must not have an empty domain label (a leading, trailing or doubled dot)"),
            ("dr.johnson@hospital.org.", "must not have an empty domain label (a leading, trailing or doubled dot)"),
            ("dr.johnson@hospital..org", "must not have an empty domain label (a leading, trailing or doubled dot)"),
        ]
    )
    func emailRejectsMalformedAddresses(email: String, message: String) {
        for product in Product.allCases {
            let errors = Fixtures.errors(product, setting: "email", to: .string(email))
            #expect(errors == [FieldError(field: "email", message: message)])
        }
    }

    @Test(
        "email must not contain whitespace or control characters",
        arguments: [
            "dr johnson@hospital.org", " dr.johnson@hospital.org", "dr.johnson@hospital.org\n",
            "dr.johnson@hospital.org\r\nBcc: x@evil.example", "dr.johnson@hos\tpital.org", "dr\u{0}@hospital.org",
            "dr\u{00A0}@hospital.org",
        ]
    )
    func emailRejectsWhitespaceAndControlCharacters(email: String) {
        let errors = Fixtures.errors(.viewer, setting: "email", to: .string(email))
        let expected = FieldError(field: "email", message: "must not contain whitespace or control characters")
        #expect(errors.first == expected)
        #expect(errors.allSatisfy { $0.field == "email" })
    }

    @Test("email may have 254 characters but not 255")
    func emailLength() {
        let label = String(repeating: "a", count: 50)
        let domain = "@" + [label, label, label, label, "org"].joined(separator: ".")
        let local254 = String(repeating: "c", count: 254 - domain.count)
        let local255 = String(repeating: "c", count: 255 - domain.count)
        #expect(local255.count <= 64)
        #expect(Fixtures.errors(.viewer, setting: "email", to: .string(local254 + domain)) == [])
        #expect(
            Fixtures.errors(.viewer, setting: "email", to: .string(local255 + domain))
                == [FieldError(field: "email", message: "must be at most 254 characters")]
        )
    }

    @Test("email's local part may have 64 characters but not 65")
    func emailLocalPartLength() {
        let ok = String(repeating: "a", count: 64) + "@hospital.org"
        let tooLong = String(repeating: "a", count: 65) + "@hospital.org"
        #expect(Fixtures.errors(.autoScribe, setting: "email", to: .string(ok)) == [])
        #expect(
            Fixtures.errors(.autoScribe, setting: "email", to: .string(tooLong))
                == [FieldError(field: "email", message: "must have at most 64 characters before \"@\"")]
        )
    }

    // MARK: Phone number

    @Test("phoneNumber accepts 10 to 15 digits", arguments: ["5551234567", "15551234567", "441234567890123"])
    func phoneNumberAcceptsDigits(phoneNumber: String) {
        for product in Product.allCases {
            #expect(Fixtures.errors(product, setting: "phoneNumber", to: .string(phoneNumber)) == [])
        }
    }

    @Test(
        "phoneNumber rejects anything but 10 to 15 ASCII digits",
        arguments: [
            "", "555123456", "5551234567890123", "+15551234567", "555-123-4567", "(555) 1234567", "555 123 4567",
            "555123456x", "５５５１２３４５６７", "٥٥٥١٢٣٤٥٦٧", "5551234567\n",
        ]
    )
    func phoneNumberRejectsOtherText(phoneNumber: String) throws {
        for product in Product.allCases {
            let errors = Fixtures.errors(product, setting: "phoneNumber", to: .string(phoneNumber))
            #expect(errors.count == 1)
            let error = try #require(errors.first)
            #expect(error.field == "phoneNumber")
            #expect(error.message.contains("10-15 digits"))
        }
    }

    // MARK: Clinic role

    @Test("clinicRole accepts each of the 21 Viewer roles", arguments: ValidationFixtures.viewerRoles)
    func viewerAcceptsItsRoles(role: String) {
        #expect(Fixtures.errors(.viewer, setting: "clinicRole", to: .string(role)) == [])
    }

    @Test("clinicRole accepts each of the 61 AutoScribe roles", arguments: ValidationFixtures.autoScribeRoles)
    func autoScribeAcceptsItsRoles(role: String) {
        #expect(Fixtures.errors(.autoScribe, setting: "clinicRole", to: .string(role)) == [])
    }

    @Test("clinicRole rejects roles of the other product")
    func clinicRoleIsPerProduct() {
        #expect(
            Fixtures.errors(.autoScribe, setting: "clinicRole", to: .string("PACS Administrator"))
                == [FieldError(field: "clinicRole", message: "must be one of the 61 AutoScribe clinic roles")]
        )
        #expect(
            Fixtures.errors(.viewer, setting: "clinicRole", to: .string("Oncologist"))
                == [FieldError(field: "clinicRole", message: "must be one of the 21 Viewer clinic roles")]
        )
    }

    @Test(
        "clinicRole is case-sensitive and suggests the role it matches case-insensitively",
        arguments: [
            (Product.viewer, "radiologist", "Radiologist"),
            (Product.viewer, "pacs administrator", "PACS Administrator"),
            (Product.autoScribe, "RADIOLOGIST", "Radiologist"),
            (Product.autoScribe, "it support", "IT Support"),
        ]
    )
    func clinicRoleSuggestsCase(product: Product, role: String, suggestion: String) {
        let count = product == .viewer ? 21 : 61
        let message =
            "must be one of the \(count) \(product.displayName) clinic roles (did you mean \"\(suggestion)\"?)"
        #expect(
            Fixtures.errors(product, setting: "clinicRole", to: .string(role))
                == [FieldError(field: "clinicRole", message: message)]
        )
    }

    @Test(
        "clinicRole does not trim or guess beyond case",
        arguments: [" Radiologist", "Radiologist ", "Radiologists", ""]
    )
    func clinicRoleHasNoFuzzyMatching(role: String) {
        #expect(
            Fixtures.errors(.viewer, setting: "clinicRole", to: .string(role))
                == [FieldError(field: "clinicRole", message: "must be one of the 21 Viewer clinic roles")]
        )
    }

    // MARK: Level

    @Test("level accepts admin and member", arguments: Product.allCases)
    func levelAcceptsAdminAndMember(product: Product) {
        var body = Fixtures.minimalBody(for: product)
        body["hasDashboardAccess"] = .bool(true)
        body["level"] = .string("admin")
        #expect(Fixtures.errors(product, body) == [])
        body["level"] = .string("member")
        #expect(Fixtures.errors(product, body) == [])
    }

    @Test("level owner is refused with its own message", arguments: Product.allCases)
    func levelOwnerIsDashboardOnly(product: Product) {
        #expect(
            Fixtures.errors(product, setting: "level", to: .string("owner"))
                == [FieldError(field: "level", message: "owner can only be assigned in the dashboard")]
        )
    }

    @Test("level rejects anything else, case-sensitively", arguments: ["Admin", "MEMBER", "Owner", "superuser", ""])
    func levelRejectsOtherValues(level: String) {
        for product in Product.allCases {
            #expect(
                Fixtures.errors(product, setting: "level", to: .string(level))
                    == [FieldError(field: "level", message: "must be \"admin\" or \"member\"")]
            )
        }
    }

    // MARK: Admin needs dashboard access

    @Test("an admin must have dashboard access", arguments: Product.allCases)
    func adminNeedsDashboardAccess(product: Product) {
        var body = Fixtures.minimalBody(for: product)
        body["level"] = .string("admin")
        body["hasDashboardAccess"] = .bool(false)
        #expect(
            Fixtures.errors(product, body)
                == [FieldError(field: "hasDashboardAccess", message: "must be true for admin users")]
        )
    }

    @Test("a member may go without dashboard access", arguments: Product.allCases)
    func memberMayLackDashboardAccess(product: Product) {
        var body = Fixtures.minimalBody(for: product)
        body["level"] = .string("member")
        body["hasDashboardAccess"] = .bool(false)
        #expect(Fixtures.errors(product, body) == [])
    }

    @Test("the admin rule is only checked when both fields are themselves valid")
    func adminRuleNeedsValidFields() {
        var body = Fixtures.minimalBody(for: .viewer)
        body["level"] = .string("admin")
        body["hasDashboardAccess"] = .string("false")
        #expect(
            Fixtures.errors(.viewer, body)
                == [FieldError(field: "hasDashboardAccess", message: "must be a boolean, got a string")]
        )
        body["level"] = .string("Admin")
        body["hasDashboardAccess"] = .bool(false)
        #expect(
            Fixtures.errors(.viewer, body) == [FieldError(field: "level", message: "must be \"admin\" or \"member\"")]
        )
    }

    // MARK: NPI number

    @Test(
        "real-looking NPIs pass the check digit",
        arguments: ["1234567893", "1245319599", "1003000126", "1548206097", "1679576722", "1932102084", "1508866963"]
    )
    func validNPIsPass(npi: String) {
        #expect(NPINumber.hasValidCheckDigit(npi))
        var body = Fixtures.minimalBody(for: .autoScribe)
        body["canCreateReports"] = .bool(true)
        body["npiNumber"] = .string(npi)
        #expect(Fixtures.errors(.autoScribe, body) == [])
    }

    @Test(
        "NPIs with a wrong check digit or a typo fail the check digit",
        arguments: ["1234567890", "1245319598", "1003000127", "1548206079", "2234567893", "1234567883", "0000000000"]
    )
    func invalidNPIsFail(npi: String) {
        #expect(!NPINumber.hasValidCheckDigit(npi))
        #expect(
            Fixtures.errors(.autoScribe, setting: "npiNumber", to: .string(npi))
                == [FieldError(field: "npiNumber", message: "is not a valid NPI: its check digit does not match")]
        )
    }

    @Test(
        "npiNumber must be exactly 10 ASCII digits",
        arguments: [
            "", "123456789", "12345678931", "123456789X", "12345-6789", " 1234567893", "１２３４５６７８９３",
        ]
    )
    func npiNumberFormat(npi: String) {
        #expect(!NPINumber.hasValidFormat(npi))
        #expect(
            Fixtures.errors(.autoScribe, setting: "npiNumber", to: .string(npi))
                == [FieldError(field: "npiNumber", message: "must be exactly 10 digits (0-9 only)")]
        )
    }

    @Test("npiNumber is required when canCreateReports is true", arguments: [nil, JSONValue.null])
    func npiRequiredForReports(npi: JSONValue?) {
        var body = Fixtures.minimalBody(for: .autoScribe)
        body["canCreateReports"] = .bool(true)
        body["npiNumber"] = npi
        #expect(
            Fixtures.errors(.autoScribe, body)
                == [FieldError(field: "npiNumber", message: "is required when canCreateReports is true")]
        )
    }

    @Test("npiNumber is optional when canCreateReports is false, but checked when given")
    func npiOptionalWithoutReports() {
        var body = Fixtures.minimalBody(for: .autoScribe)
        body["canCreateReports"] = .bool(false)
        #expect(Fixtures.errors(.autoScribe, body) == [])
        body["npiNumber"] = .string("1234567893")
        #expect(Fixtures.errors(.autoScribe, body) == [])
        body["npiNumber"] = .string("1234567890")
        #expect(Fixtures.errors(.autoScribe, body).map(\.field) == ["npiNumber"])
    }

    @Test("an npiNumber of the wrong type is reported once, not also as missing")
    func wronglyTypedNPIIsNotAlsoMissing() {
        var body = Fixtures.minimalBody(for: .autoScribe)
        body["canCreateReports"] = .bool(true)
        body["npiNumber"] = .number(1_234_567_893)
        #expect(
            Fixtures.errors(.autoScribe, body)
                == [FieldError(field: "npiNumber", message: "must be a string, got a number")]
        )
    }

    @Test("the NPI requirement is not checked when canCreateReports is not a boolean")
    func npiRequirementNeedsValidFlag() {
        var body = Fixtures.minimalBody(for: .autoScribe)
        body["canCreateReports"] = .string("true")
        #expect(
            Fixtures.errors(.autoScribe, body)
                == [FieldError(field: "canCreateReports", message: "must be a boolean, got a string")]
        )
    }

    // MARK: Every violation together

    @Test("all violations are listed together, in field order, then the cross-field rules")
    func allViolationsAreListedTogether() throws {
        let json = #"""
            {"canCreateReports": true, "canManageStudies": "yes", "clinicRole": "pacs administrator",
             "email": "dr johnson@hospital", "firstName": "  ", "hasDashboardAccess": false,
             "level": "admin", "middleName": "M\nBcc: x@evil.example", "npiNumber": null,
             "phoneNumber": "+15551234567", "suffix1": 3, "suffix2": "", "unknown": {"ignored": true}}
            """#
        let body = try JSONValue.parseObject(Data(json.utf8))
        let errors = Fixtures.errors(.autoScribe, body)
        #expect(
            errors == [
                FieldError(field: "canManageStudies", message: "must be a boolean, got a string"),
                FieldError(field: "clinicRole", message: "must be one of the 61 AutoScribe clinic roles"),
                FieldError(field: "email", message: "must not contain whitespace or control characters"),
                FieldError(field: "email", message: "must have a domain containing a dot after \"@\""),
                FieldError(field: "firstName", message: "must contain at least one non-whitespace character"),
                FieldError(field: "lastName", message: "is required"),
                FieldError(field: "middleName", message: "must not contain control characters"),
                FieldError(
                    field: "phoneNumber",
                    message: "must be 10-15 digits (0-9 only, no \"+\", spaces or punctuation)"
                ),
                FieldError(field: "suffix1", message: "must be a string, got a number"),
                FieldError(field: "suffix2", message: "must contain at least one non-whitespace character"),
                FieldError(field: "hasDashboardAccess", message: "must be true for admin users"),
                FieldError(field: "npiNumber", message: "is required when canCreateReports is true"),
            ]
        )
    }

    @Test("the same body always yields the same errors in the same order", arguments: Product.allCases)
    func orderIsStable(product: Product) {
        let body: [String: JSONValue] = [
            "suffix2": .string(""), "level": .string("owner"), "email": .number(1), "firstName": .null,
            "clinicRole": .string("Janitor"), "phoneNumber": .string("1"),
        ]
        let first = Fixtures.errors(product, body)
        for _ in 0..<20 {
            #expect(Fixtures.errors(product, body) == first)
        }
        #expect(first.count >= 7)
    }

    // MARK: FieldError

    @Test("FieldError encodes as {field, message}")
    func fieldErrorEncoding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(FieldError(field: "npiNumber", message: "is required"))
        #expect(String(decoding: data, as: UTF8.self) == #"{"field":"npiNumber","message":"is required"}"#)
        let decoded = try JSONDecoder().decode(FieldError.self, from: data)
        #expect(decoded == FieldError(field: "npiNumber", message: "is required"))
    }
}

@Suite("JSONParser")
struct JSONParserTests {
    /// What `JSONDecoder` makes of `json`, or `nil` when it refuses it.
    static func decoderResult(_ json: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    @Test(
        "the parser agrees with JSONDecoder",
        arguments: [
            #"{"a":1}"#, #" { "a" : [ 1 , 2.5e3 , -0 , 0.1 , true , false , null ] } "#, #"{"s":"\"\\\/\b\f\n\r\t"}"#,
            #"{"u":"\u00e9\u4e2d\ud83d\ude00"}"#, #"{"é":"ünïcödé 👩‍⚕️"}"#, #"{"n":{"m":{"o":[]}}}"#, "[]", "\"x\"", "12",
            "-1.5E-7", "true", "null", #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":1e}"#,
            #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\udc00"}"#, #"{"a":"\ud800\u0041"}"#, "{\"a\":\"tab\there\"}",
            #"{"a" 1}"#, #"{a:1}"#, "tru", "nul", "{}x", "", " ", #"{"a":1e400}"#,
            #"{"a":-1e400}"#, #"{"a":123456789012345678901234567890}"#, "\u{FEFF}{}",
        ]
    )
    func agreesWithJSONDecoder(json: String) {
        let parsed = try? JSONParser.parse(Array(json.utf8))
        #expect(parsed == Self.decoderResult(json))
    }

    @Test("unlike JSONDecoder, trailing commas are refused and a number too small for Double reads as 0")
    func deliberateDifferences() throws {
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse(Array(#"{"a":1,}"#.utf8)) }
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse(Array("[1,]".utf8)) }
        #expect(try JSONParser.parse(Array(#"{"a":1e-400}"#.utf8)) == .object(["a": .number(0)]))
    }

    @Test("invalid UTF-8 is not JSON")
    func invalidUTF8() {
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
    }

    @Test("a repeated member name is refused, at any depth (I-JSON), naming the member")
    func repeatedKeys() throws {
        #expect(throws: JSONBodyError.duplicateMember("a")) { try JSONParser.parse(Array(#"{"a":1,"a":2}"#.utf8)) }
        #expect(throws: JSONBodyError.duplicateMember("b")) {
            try JSONParser.parse(Array(#"{"a":[{"b":true,"b":true}]}"#.utf8))
        }
        #expect(try JSONParser.parse(Array(#"{"a":{"a":1}}"#.utf8)) == .object(["a": .object(["a": .number(1)])]))
    }

    @Test("nesting up to the limit parses; one level more does not")
    func depthLimit() throws {
        let limit = JSONParser.maximumDepth
        let fits = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: Never.self) { try JSONParser.parse(Array(fits.utf8)) }
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse(Array(tooDeep.utf8)) }
    }
}
