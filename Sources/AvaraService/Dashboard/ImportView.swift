import AvaraCore
import AvaraRoster

/// What the import pages show: the roster's columns for a product, and an import's counts and rows.
enum ImportView {
    /// The columns of `product`'s roster, in the API's order: name, whether required, what it holds.
    static func columns(of product: Product) -> [[String: Any]] {
        fields(of: product).map { field in
            [
                "name": field.name, "required": field.isRequired ? "Required" : "Optional",
                "text": description(of: field, product: product),
            ]
        }
    }

    /// The fields of `product`'s invite, as the CLI reads them.
    static func fields(of product: Product) -> [UserField] {
        product.takesReports ? UserField.autoScribeInvite : UserField.viewerInvite
    }

    /// A header line with every required column of `product`, for the page's example.
    static func exampleHeader(of product: Product) -> String {
        fields(of: product).filter(\.isRequired).map(\.name).joined(separator: ",")
    }

    private static func description(of field: UserField, product: Product) -> String {
        if field.kind == .boolean {
            let what =
                switch field.name {
                case "canManageStudies": "Whether the user can manage studies"
                case "hasDashboardAccess": "Whether the user can sign in to this dashboard (admins must)"
                case "canCreateReports": "Whether the user can create reports (needs an NPI number)"
                default: field.name
                }
            return what + ": true or false (also yes/no, 1/0)."
        }
        switch field.name {
        case "email": return "The address the invitation is sent to; one user per email."
        case "firstName": return "First name."
        case "lastName": return "Last name."
        case "middleName": return "Middle name."
        case "suffix1", "suffix2": return "A suffix, for example MD or Jr."
        case "phoneNumber": return "10 to 15 digits, no spaces."
        case "npiNumber": return "The 10-digit NPI number; required to create reports."
        case "level": return "member or admin."
        case "clinicRole":
            return "One of: " + RuleBook.standard[product].allowedRoles.joined(separator: ", ") + "."
        default: return ""
        }
    }

    /// The counts of `results`, one per outcome, with their badge class.
    static func counts(_ results: [ImportResult]) -> [[String: Any]] {
        var tally = ImportTally(total: results.count)
        for result in results { tally.record(result.outcome) }
        return ImportResult.Outcome.allCases.map { outcome in
            ["label": label(outcome), "count": tally[outcome], "badge": badge(outcome)]
        }
    }

    /// A row of the results table: the row's line, email, outcome as a badge, its user (a link) and its errors.
    static func row(_ result: ImportResult, product: Product) -> [String: Any] {
        var row: [String: Any] = [
            "row": result.row, "email": result.email, "outcome": label(result.outcome),
            "badge": badge(result.outcome), "errors": result.errors.map { "\($0.field): \($0.message)" },
            "hasErrors": !result.errors.isEmpty,
        ]
        if let userId = result.userId {
            row["userId"] = userId
            row["userPath"] = "/dashboard/\(product.pathComponent)/users/\(userId)"
        }
        return row
    }

    static func label(_ outcome: ImportResult.Outcome) -> String {
        switch outcome {
        case .created: "Created"
        case .duplicate: "Duplicate"
        case .rejected: "Rejected"
        case .failed: "Failed"
        }
    }

    static func badge(_ outcome: ImportResult.Outcome) -> String {
        switch outcome {
        case .created: "ok"
        case .duplicate: "info"
        case .rejected: "bad"
        case .failed: "warn"
        }
    }
}
