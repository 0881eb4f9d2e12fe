import Mustache

/// Markup made in Swift by string interpolation that escapes: a literal is markup, an interpolated `String` is text
/// (``HTMLEscaping/escape(_:)``), an interpolated fragment is markup. A template shows a fragment with `{{{name}}}`
/// (written as it is); `{{name}}` would show its markup as text, never run it.
///
/// ```swift
/// let cell: HTMLFragment = "<td>\(user.firstName)</td>"  // "<td>&lt;b&gt;</td>" for a first name "<b>"
/// ```
struct HTMLFragment: ExpressibleByStringInterpolation, MustacheCustomRenderable, Sendable {
    /// The markup, its text already escaped.
    private(set) var markup: String

    init(stringLiteral literal: String) {
        markup = literal
    }

    init(stringInterpolation: StringInterpolation) {
        markup = stringInterpolation.markup
    }

    /// The fragments one after the other.
    init(joining fragments: [HTMLFragment]) {
        markup = fragments.map(\.markup).joined()
    }

    var renderText: String { markup }
    var isNull: Bool { false }

    struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + 24 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Text: escaped.
        mutating func appendInterpolation(_ text: String) {
            markup += HTMLEscaping.escape(text)
        }

        /// Markup: as it is.
        mutating func appendInterpolation(_ fragment: HTMLFragment) {
            markup += fragment.markup
        }
    }
}

extension HTMLFragment {
    /// The `<option>`s of a `<select>`, each value with its label, the one equal to `selected` marked so: made here
    /// rather than by a Mustache section for the reason of ``UserView/rows(_:product:)`` (a role filter has 60).
    static func options(_ options: [(value: String, label: String)], selected: String?) -> HTMLFragment {
        HTMLFragment(
            joining: options.map { option -> HTMLFragment in
                let marked: HTMLFragment = option.value == selected ? " selected" : ""
                return "<option value=\"\(option.value)\"\(marked)>\(option.label)</option>"
            })
    }
}
