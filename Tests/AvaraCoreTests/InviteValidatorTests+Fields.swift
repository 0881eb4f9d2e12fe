import AvaraTestSupport
import Foundation
import Testing

@testable import AvaraCore

/// The rules of single fields: names, email, phone number, clinic role and level.
extension InviteValidatorTests {
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
        arguments: [
            "Sarah\u{202E}nhoJ", "\u{2066}Sarah", "Sa\u{200B}rah", "Sarah\u{FEFF}", "Sa\u{AD}rah", "\u{61C}Sarah",
        ]
    )
    func namePartRejectsFormatCharacters(name: String) {
        for product in Product.allCases {
            for field in Fixtures.nameFields {
                let errors = Fixtures.errors(product, setting: field, to: .string(name))
                #expect(
                    errors == [
                        FieldError(
                            field: field, message: "must not contain invisible format characters such as bidi controls")
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
}
