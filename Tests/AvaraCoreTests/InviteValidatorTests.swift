import AvaraTestSupport
import Foundation
import Testing

@testable import AvaraCore

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
        let expected =
            field == "npiNumber" && product == .viewer
            ? []
            : [FieldError(field: field, message: "must be a string, got a boolean")]
        #expect(Fixtures.errors(product, setting: field, to: .bool(true)) == expected)
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
