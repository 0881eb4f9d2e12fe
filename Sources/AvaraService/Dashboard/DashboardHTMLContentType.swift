import Mustache

/// The dashboard's escaping of `{{value}}`: ``HTMLEscaping/escape(_:)``, the characters and entities of Mustache's own
/// HTML content type, found by a scan of UTF-8 bytes.
///
/// Mustache's built-in escaping walks every `Character` through a dictionary, a third of the CPU of a users page.
/// Templates choose this one with the pragma `{{% CONTENT_TYPE: DASHBOARD_HTML}}` (`layout` does, so every page
/// does), which must be registered (``register()``) before they are parsed.
struct DashboardHTMLContentType: MustacheContentType {
    /// The name templates give it in their `CONTENT_TYPE` pragma.
    static let name = "DASHBOARD_HTML"

    /// Makes the pragma known to Mustache's parser (any number of times: the last registration wins).
    static func register() {
        MustacheContentTypes.register(DashboardHTMLContentType(), named: name)
    }

    func escapeText(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }
}
