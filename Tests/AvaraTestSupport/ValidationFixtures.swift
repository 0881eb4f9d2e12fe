import AvaraCore

/// Role lists, product rules and request bodies shared by the validation tests.
package enum ValidationFixtures {
    /// The 21 Viewer clinic roles, in the order of `ViewerClinicRole` in openapi.yaml.
    package static let viewerRoles = [
        "Radiologist", "Cardiologist", "Neurologist", "Urologist", "Gynecologist", "Endocrinologist",
        "Doctor", "Surgeon", "Physician", "Physician Assistant", "Nurse Practitioner", "Registered Nurse",
        "Patient Care Coordinator", "Front Desk Operator", "Imaging Technologist", "PACS Administrator",
        "Software Engineer", "Revenue Cycle Manager", "Administrative Director", "Administrative Assistant",
        "Other",
    ]

    /// The 61 AutoScribe clinic roles, in the order of `AutoScribeClinicRole` in openapi.yaml.
    package static let autoScribeRoles = [
        "Doctor", "Physician", "Surgeon", "Radiologist", "Cardiologist", "Neurologist", "Urologist",
        "Gynecologist", "Endocrinologist", "Oncologist", "Radiation Oncologist", "Hematologist",
        "Gastroenterologist", "Pulmonologist", "Nephrologist", "Rheumatologist", "Dermatologist",
        "Ophthalmologist", "Otolaryngologist", "Pediatrician", "Obstetrician", "Psychiatrist",
        "Anesthesiologist", "Emergency Medicine Physician", "Family Medicine Physician",
        "Internal Medicine Physician", "Pathologist", "Nuclear Medicine Physician", "Pain Management Specialist",
        "Infectious Disease Specialist", "Immunologist", "Physician Assistant", "Nurse Practitioner",
        "Certified Registered Nurse Anesthetist", "Psychologist", "Medical Assistant", "Scribe",
        "Registered Nurse", "Nurse Manager", "Patient Care Coordinator", "Imaging Technologist",
        "Laboratory Technician", "Medical Laboratory Scientist", "Pathologists' Assistant", "Phlebotomist",
        "Pharmacist", "Pharmacy Technician", "Physical Therapist", "Occupational Therapist",
        "Speech-Language Pathologist", "Respiratory Therapist", "Nutritionist", "Front Desk Operator",
        "Revenue Cycle Manager", "Administrative Director", "Administrative Assistant", "Legal Administrator",
        "IT Administrator", "IT Support", "Software Engineer", "Other",
    ]

    /// The rules for `product`, built from the role lists above.
    package static func rules(for product: Product) -> ProductRules {
        switch product {
        case .viewer: ProductRules(product: .viewer, allowedRoles: viewerRoles)
        case .autoScribe: ProductRules(product: .autoScribe, allowedRoles: autoScribeRoles)
        }
    }

    /// A body with only the required fields, valid for `product`.
    package static func minimalBody(for product: Product) -> [String: JSONValue] {
        var body: [String: JSONValue] = [
            "canManageStudies": .bool(true),
            "clinicRole": .string("Radiologist"),
            "email": .string("dr.johnson@hospital.org"),
            "firstName": .string("Sarah"),
            "hasDashboardAccess": .bool(false),
            "lastName": .string("Johnson"),
            "level": .string("member"),
        ]
        if product == .autoScribe {
            body["canCreateReports"] = .bool(false)
        }
        return body
    }

    /// A body with every field the product knows, valid for `product`.
    package static func fullBody(for product: Product) -> [String: JSONValue] {
        var body = minimalBody(for: product)
        body["hasDashboardAccess"] = .bool(true)
        body["level"] = .string("admin")
        body["middleName"] = .string("Marie")
        body["phoneNumber"] = .string("5551234567")
        body["suffix1"] = .string("MD")
        body["suffix2"] = .string("FACR")
        if product == .autoScribe {
            body["canCreateReports"] = .bool(true)
            body["npiNumber"] = .string("1234567893")
        }
        return body
    }

    /// The errors the validator for `product` finds in `body`.
    package static func errors(_ product: Product, _ body: [String: JSONValue]) -> [FieldError] {
        InviteValidator(rules: rules(for: product)).validate(body)
    }

    /// The errors for `product`'s minimal body with `field` set to `value` (nil removes it).
    package static func errors(_ product: Product, setting field: String, to value: JSONValue?) -> [FieldError] {
        var body = minimalBody(for: product)
        body[field] = value
        return errors(product, body)
    }

    /// The name fields, which share one set of rules.
    package static let nameFields = ["firstName", "lastName", "middleName", "suffix1", "suffix2"]
}
