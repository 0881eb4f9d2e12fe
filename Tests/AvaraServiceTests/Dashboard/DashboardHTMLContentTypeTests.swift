import Mustache
import Testing

@testable import AvaraService

@Suite("The dashboard's HTML escaping")
struct DashboardHTMLContentTypeTests {
    /// A value rendered by `{{value}}` under Mustache's own HTML escaping and under the dashboard's.
    private func rendered(_ value: String) throws -> (mustache: String, dashboard: String) {
        DashboardHTMLContentType.register()
        let mustache = try MustacheTemplate(string: "{{value}}")
        let dashboard = try MustacheTemplate(string: "{{% CONTENT_TYPE: \(DashboardHTMLContentType.name)}}{{value}}")
        return (mustache.render(["value": value]), dashboard.render(["value": value]))
    }

    @Test(
        "escapes exactly as Mustache's HTML content type does",
        arguments: [
            "", "Olive Owner", "olive.owner@acme.test", "<img src=x onerror=alert(1)>", "O'Brien & \"Sons\"",
            "&amp; already escaped", "Zoë Ångström", "e\u{301}<b>", "👩🏽‍⚕️ <&> 👨‍👩‍👧", "'\"'\"", "<<>>&&",
            "a\u{0}b<", "日本語のテキスト & more",
        ])
    func sameAsMustache(_ value: String) throws {
        let (mustache, dashboard) = try rendered(value)
        #expect(dashboard == mustache)
    }

    @Test("text without a special character is returned as it is")
    func untouched() throws {
        #expect(HTMLEscaping.escape("usr_0123456789abcdef0123456789abcdef") == "usr_0123456789abcdef0123456789abcdef")
        #expect(HTMLEscaping.escape("<a href='x'>&</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")
    }

    @Test("an HTMLFragment escapes the text it interpolates, never its markup or a fragment, and renders as it is")
    func fragment() throws {
        let name = "<img src=x onerror=alert(1)> & 'O\"Brien'"
        let cell: HTMLFragment = "<td>\(name)</td>"
        #expect(cell.markup == "<td>&lt;img src=x onerror=alert(1)&gt; &amp; &#39;O&quot;Brien&#39;</td>")
        let row: HTMLFragment = "<tr>\(cell)</tr>"
        #expect(row.markup == "<tr>" + cell.markup + "</tr>")
        let options = HTMLFragment.options([("", "Any"), ("a&b", "A & B")], selected: "a&b")
        #expect(options.markup == #"<option value="">Any</option><option value="a&amp;b" selected>A &amp; B</option>"#)
        let template = try MustacheTemplate(string: "{{{row}}}|{{row}}")
        #expect(template.render(["row": row]) == row.markup + "|" + HTMLEscaping.escape(row.markup))
    }
}
