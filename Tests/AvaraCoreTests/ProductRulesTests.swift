import AvaraTestSupport
import Foundation
import Testing

@testable import AvaraCore

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
