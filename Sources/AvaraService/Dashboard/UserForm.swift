import AvaraCore

/// The invite and edit forms of a product's user: the fields of the reference pages, each with its label, its
/// value as typed and the core's message for it; and the JSON fields the core's commands take from a posted form.
struct UserForm {
    let product: Product
    /// `false` for the edit form: the email cannot be changed.
    let includesEmail: Bool
    /// The levels the actor may give.
    let levels: [String]

    /// The form's fields, in the order a person fills them in.
    var fields: [FormField] {
        var fields: [FormField] = []
        if includesEmail {
            fields.append(FormField(name: "email", label: "Email", kind: .email, required: true, autocomplete: "off"))
        }
        fields += [
            FormField(name: "firstName", label: "First name", kind: .text, required: true, autocomplete: "off"),
            FormField(name: "middleName", label: "Middle name", kind: .text, required: false, autocomplete: "off"),
            FormField(name: "lastName", label: "Last name", kind: .text, required: true, autocomplete: "off"),
            FormField(name: "suffix1", label: "Suffix", kind: .text, required: false, hint: "For example MD or Jr."),
            FormField(name: "suffix2", label: "Second suffix", kind: .text, required: false),
            FormField(
                name: "phoneNumber", label: "Phone number", kind: .tel, required: false,
                hint: "10 to 15 digits, no spaces."),
            FormField(
                name: "clinicRole", label: "Clinic role",
                kind: .select(RuleBook.standard[product].allowedRoles.map { ($0, $0) }), required: true),
        ]
        if !levels.isEmpty {
            fields.append(
                FormField(
                    name: "level", label: "Level", kind: .select(levels.map { ($0, Self.levelLabel($0)) }),
                    required: true,
                    hint: "Admins manage users and need dashboard access."))
        }
        fields += [
            FormField(name: "canManageStudies", label: "Can manage studies", kind: .checkbox, required: false),
            FormField(
                name: "hasDashboardAccess", label: "Can sign in to the dashboard", kind: .checkbox, required: false),
        ]
        if product.takesReports {
            fields += [
                FormField(name: "canCreateReports", label: "Can create reports", kind: .checkbox, required: false),
                FormField(
                    name: "npiNumber", label: "NPI number", kind: .text, required: false,
                    hint: "10 digits; required to create reports."),
            ]
        }
        return fields
    }

    /// The JSON fields of a posted form: texts as typed, an empty optional one left out of an invite and cleared
    /// (`null`) by an edit, each checkbox `true` when ticked and `false` otherwise.
    func json(from form: DashboardForm) -> [String: JSONValue] {
        var json: [String: JSONValue] = [:]
        for field in fields {
            let value = form[field.name] ?? ""
            switch field.kind {
            case .checkbox:
                json[field.name] = .bool(value == "true")
            default:
                if !value.isEmpty || field.required {
                    json[field.name] = .string(value)
                } else if !includesEmail {
                    json[field.name] = .null
                }
            }
        }
        return json
    }

    /// The values to show in the form: those of `form` as typed, else `user`'s, else the defaults of a new invite.
    func values(form: DashboardForm?, user: UserRecord?) -> [String: String] {
        var values: [String: String] = [:]
        for field in fields {
            if let form {
                values[field.name] = form[field.name] ?? (field.isCheckbox ? "false" : "")
            } else if let user {
                values[field.name] = Self.value(of: field.name, in: user)
            }
        }
        if form == nil, user == nil {
            values["level"] = "member"
            values["clinicRole"] = "Other"
        }
        return values
    }

    /// The view of the form's fields for the `field` template.
    func view(values: [String: String], errors: [FieldError]) -> [[String: Any]] {
        FormField.views(fields, values: values, errors: errors)
    }

    static func levelLabel(_ level: String) -> String {
        switch level {
        case Permissions.ownerLevel: "Owner"
        case Permissions.adminLevel: "Admin"
        default: "Member"
        }
    }

    private static func value(of field: String, in user: UserRecord) -> String {
        switch field {
        case "email": user.email
        case "firstName": user.firstName
        case "middleName": user.middleName ?? ""
        case "lastName": user.lastName
        case "suffix1": user.suffix1 ?? ""
        case "suffix2": user.suffix2 ?? ""
        case "phoneNumber": user.phoneNumber ?? ""
        case "clinicRole": user.clinicRole
        case "level": user.level
        case "canManageStudies": String(user.canManageStudies)
        case "hasDashboardAccess": String(user.hasDashboardAccess)
        case "canCreateReports": String(user.canCreateReports ?? false)
        case "npiNumber": user.npiNumber ?? ""
        default: ""
        }
    }
}
