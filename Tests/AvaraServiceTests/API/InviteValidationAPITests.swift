import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// One broken rule: a change to a valid body and the error it must produce.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var name: String
    var product: Product
    var changes: [String: JSONValue?]
    var field: String
    var message: String

    var testDescription: String { "\(product.displayName): \(name)" }

    /// The valid full body of `product` with `changes` applied (`nil` removes a field).
    var body: [String: JSONValue] {
        var body = InviteBodies.full(product)
        for (key, value) in changes { body[key] = value }
        return body
    }
}

@Suite("Invite validation through the API")
struct InviteValidationAPITests {
    /// Every rule of the reference pages, for one product.
    static func cases(_ product: Product) -> [RuleCase] {
        let otherProductRole = product == .viewer ? "Oncologist" : "PACS Administrator"
        var cases: [RuleCase] = []
        func add(_ name: String, _ changes: [String: JSONValue?], _ field: String, _ message: String) {
            cases.append(RuleCase(name: name, product: product, changes: changes, field: field, message: message))
        }
        let booleans: Set = ["canManageStudies", "hasDashboardAccess"]
        for field in [
            "canManageStudies", "clinicRole", "email", "firstName", "hasDashboardAccess", "lastName", "level",
        ] {
            add("\(field) missing", [field: nil], field, "is required")
            add(
                "\(field) null", [field: .null], field,
                "must be a \(booleans.contains(field) ? "boolean" : "string"), got null")
        }
        add(
            "boolean sent as a string", ["canManageStudies": .string("true")], "canManageStudies",
            "must be a boolean, got a string")
        add(
            "boolean sent as a number", ["hasDashboardAccess": .number(1)], "hasDashboardAccess",
            "must be a boolean, got a number")
        add("string sent as a number", ["firstName": .number(7)], "firstName", "must be a string, got a number")
        add(
            "blank first name", ["firstName": .string("   ")], "firstName",
            "must contain at least one non-whitespace character")
        add(
            "empty last name", ["lastName": .string("")], "lastName",
            "must contain at least one non-whitespace character")
        add(
            "blank middle name", ["middleName": .string(" ")], "middleName",
            "must contain at least one non-whitespace character")
        add(
            "over-long suffix", ["suffix1": .string(String(repeating: "x", count: 101))], "suffix1",
            "must be at most 100 characters")
        add(
            "name with a line break", ["suffix2": .string("MD\nBcc: x")], "suffix2",
            "must not contain control characters")
        add("email without @", ["email": .string("sarah.hospital.org")], "email", "must contain exactly one \"@\"")
        add("email with two @", ["email": .string("a@b@hospital.org")], "email", "must contain exactly one \"@\"")
        add(
            "email without local part", ["email": .string("@hospital.org")], "email",
            "must have at least one character before \"@\"")
        add(
            "email domain without a dot", ["email": .string("sarah@localhost")], "email",
            "must have a domain containing a dot after \"@\"")
        add(
            "email with a space", ["email": .string("sarah johnson@hospital.org")], "email",
            "must not contain whitespace or control characters")
        add(
            "email over 254 characters",
            ["email": .string(String(repeating: "a", count: 60) + "@" + String(repeating: "b", count: 190) + ".org")],
            "email", "must be at most 254 characters"
        )
        add(
            "phone number too short", ["phoneNumber": .string("555123456")], "phoneNumber",
            "must be 10-15 digits (0-9 only, no \"+\", spaces or punctuation)")
        add(
            "phone number too long", ["phoneNumber": .string("5551234567890123")], "phoneNumber",
            "must be 10-15 digits (0-9 only, no \"+\", spaces or punctuation)")
        add(
            "phone number with +", ["phoneNumber": .string("+15551234567")], "phoneNumber",
            "must be 10-15 digits (0-9 only, no \"+\", spaces or punctuation)")
        add(
            "unknown clinic role", ["clinicRole": .string("Wizard")], "clinicRole",
            "must be one of the \(product == .viewer ? 21 : 61) \(product.displayName) clinic roles")
        add(
            "the other product's role", ["clinicRole": .string(otherProductRole)], "clinicRole",
            "must be one of the \(product == .viewer ? 21 : 61) \(product.displayName) clinic roles")
        add(
            "role in the wrong case", ["clinicRole": .string("radiologist")], "clinicRole",
            "must be one of the \(product == .viewer ? 21 : 61) \(product.displayName) clinic roles (did you mean \"Radiologist\"?)"
        )
        add("level owner", ["level": .string("owner")], "level", "owner can only be assigned in the dashboard")
        add("unknown level", ["level": .string("superuser")], "level", "must be \"admin\" or \"member\"")
        add("level in the wrong case", ["level": .string("Admin")], "level", "must be \"admin\" or \"member\"")
        add(
            "admin without dashboard access", ["level": .string("admin"), "hasDashboardAccess": .bool(false)],
            "hasDashboardAccess", "must be true for admin users")
        if product == .autoScribe {
            add("canCreateReports missing", ["canCreateReports": nil], "canCreateReports", "is required")
            add(
                "canCreateReports as a string", ["canCreateReports": .string("false")], "canCreateReports",
                "must be a boolean, got a string")
            add(
                "NPI with a wrong check digit", ["npiNumber": .string("1234567890")], "npiNumber",
                "is not a valid NPI: its check digit does not match")
            add(
                "NPI with 9 digits", ["npiNumber": .string("123456789")], "npiNumber",
                "must be exactly 10 digits (0-9 only)")
            add(
                "NPI with letters", ["npiNumber": .string("12345abcde")], "npiNumber",
                "must be exactly 10 digits (0-9 only)")
            add(
                "report writer without NPI", ["npiNumber": nil], "npiNumber",
                "is required when canCreateReports is true")
            add(
                "report writer with null NPI", ["npiNumber": .null], "npiNumber",
                "is required when canCreateReports is true")
        }
        return cases
    }

    @Test("each broken rule answers 422 naming the field", arguments: cases(.viewer) + cases(.autoScribe))
    func brokenRuleAnswers422(rule: RuleCase) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(rule.product, rule.body, key: service.apiKey)
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try response.decode(ProblemBody.self)
                #expect(problem.status == 422)
                #expect(problem.type == "/problems/validation-error")
                #expect(problem.errors == [ProblemBody.Field(field: rule.field, message: rule.message)])
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
            }
        }
    }

    @Test("all violations of one request are listed together")
    func allViolationsAreListed() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body: [String: JSONValue] = [
                    "canCreateReports": .bool(true), "canManageStudies": .string("yes"),
                    "clinicRole": .string("Wizard"),
                    "email": .string("nobody"), "firstName": .string(" "), "level": .string("owner"),
                    "phoneNumber": .string("12"),
                ]
                let response = try await client.invite(.autoScribe, body, key: service.apiKey)
                #expect(response.status == .unprocessableContent)
                let fields = try response.fieldErrors().map(\.field)
                #expect(
                    fields == [
                        "canManageStudies", "clinicRole", "email", "firstName", "hasDashboardAccess", "lastName",
                        "level",
                        "phoneNumber", "npiNumber",
                    ])
                let problem = try response.decode(ProblemBody.self)
                #expect(problem.detail.contains("canManageStudies"))
            }
        }
    }

    @Test("a Viewer report writer needs no NPI: canCreateReports and npiNumber are not Viewer fields")
    func viewerIgnoresAutoScribeRules() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = InviteBodies.minimal(.viewer)
                body["canCreateReports"] = .bool(true)
                let response = try await client.invite(.viewer, body, key: service.apiKey)
                #expect(response.status == .created)
            }
        }
    }

    @Test(
        "a body that is not a JSON object answers 400",
        arguments: ["[]", "\"invite\"", "42", "null", "{\"email\": ", "", "{'single': 'quotes'}"]
    )
    func nonObjectBodyAnswers400(body: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.post(.viewer, raw: Array(body.utf8), key: service.apiKey)
                #expect(response.status == .badRequest)
                let problem = try response.decode(ProblemBody.self)
                #expect(problem.type == "/problems/malformed-body")
                #expect(!problem.detail.isEmpty)
            }
        }
    }
}
