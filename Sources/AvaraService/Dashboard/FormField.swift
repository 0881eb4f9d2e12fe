import AvaraCore

/// One input of a dashboard form, and its view for the `field` template: label, value as typed, hint, and the
/// core's messages for it (tied to the input by `aria-describedby`).
///
/// ```swift
/// let fields = [FormField(name: "email", label: "Email", kind: .email, required: true)]
/// values["fields"] = FormField.views(fields, values: ["email": typed], errors: errors)
/// ```
struct FormField {
    enum Kind {
        case text, email, tel, password
        case select([(value: String, label: String)])
        case checkbox
    }

    var name: String
    var label: String
    var kind: Kind
    var required: Bool
    var hint: String? = nil
    var autocomplete: String? = nil

    /// A new password, with its rule as a hint.
    static func newPassword(_ name: String) -> FormField {
        FormField(
            name: name, label: "New password", kind: .password, required: true,
            hint: "At least \(PasswordRule.minimumLength) characters.", autocomplete: "new-password")
    }

    /// The new password typed again.
    static let passwordConfirmation = FormField(
        name: "confirmation", label: "New password again", kind: .password, required: true,
        autocomplete: "new-password")

    var isCheckbox: Bool {
        if case .checkbox = kind { return true }
        return false
    }

    /// The view of the field holding `value`, with the messages of `errors` that name it.
    func view(value: String, errors: [FieldError]) -> [String: Any] {
        var view: [String: Any] = ["name": name, "label": label, "required": required, "value": value]
        if let hint { view["hint"] = hint }
        if let autocomplete { view["autocomplete"] = autocomplete }
        let messages = errors.filter { $0.field == name }.map(\.message)
        if !messages.isEmpty { view["error"] = messages.joined(separator: "; ") }
        switch kind {
        case .checkbox:
            view["isCheckbox"] = true
            view["checked"] = value == "true"
        case .select(let options):
            view["isSelect"] = true
            view["options"] = HTMLFragment.options(options, selected: value)
        case .text: view["type"] = "text"
        case .email: view["type"] = "email"
        case .tel: view["type"] = "tel"
        case .password: view["type"] = "password"
        }
        return view
    }

    /// The views of `fields`, each with its value in `values` (empty when absent).
    static func views(_ fields: [FormField], values: [String: String], errors: [FieldError]) -> [[String: Any]] {
        fields.map { $0.view(value: values[$0.name] ?? "", errors: errors) }
    }

    /// The error summary of a form of `fields`: each error labelled as its field is.
    static func summary(_ fields: [FormField], errors: [FieldError]) -> [String: Any] {
        ErrorSummary.values(errors) { name in fields.first { $0.name == name }?.label ?? name }
    }
}
