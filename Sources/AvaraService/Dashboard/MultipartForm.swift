import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578), as a browser sends a form with a file input: each part's
/// name, its file name if it is a file, and its bytes.
///
/// Only what a form sends is read: parts separated by the boundary, each with a `Content-Disposition: form-data`
/// header naming it. Anything else (a part without a name, headers without an end, a body without its closing
/// delimiter, more than ``maxParts`` parts) makes the body unreadable, never a crash.
///
/// ```swift
/// let boundary = try #require(MultipartForm.boundary(of: "multipart/form-data; boundary=XyZ"))
/// let form = try MultipartForm(Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--".utf8),
///                              boundary: boundary)
/// form["a"]?.text  // "1"
/// ```
struct MultipartForm: Sendable {
    /// One field of the form.
    struct Part: Sendable {
        var name: String
        /// The name of the file chosen, without its folders; `nil` for a field that is not a file.
        var filename: String?
        var body: [UInt8]

        /// The body as UTF-8 text (a field's value).
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A body that is not `multipart/form-data` as a form sends it.
    struct Unreadable: Error {}

    /// The most parts a body may have: the import form has two.
    static let maxParts = 16
    /// The most bytes of a part's headers.
    static let maxHeaderBytes = 4096

    private(set) var parts: [Part] = []

    /// The first part named `name`.
    subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary of a `multipart/form-data` content type (`multipart/form-data; boundary=…`, the boundary quoted
    /// or not); `nil` for another type, or a boundary RFC 2046 does not allow (empty, over 70 characters).
    static func boundary(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        let items = HeaderParameters.split(contentType)
        guard items.first?.lowercased() == "multipart/form-data" else { return nil }
        let boundary = HeaderParameters.value(of: "boundary", in: items.dropFirst())
        guard let boundary, (1...70).contains(boundary.utf8.count) else { return nil }
        return boundary
    }

    /// The parts of `body`, sent with `boundary`.
    ///
    /// - Throws: ``Unreadable`` for a body that is not a form's multipart body.
    init(_ body: [UInt8], boundary: String) throws(Unreadable) {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var index = Self.find(delimiter, in: body, from: 0) else { throw Unreadable() }
        index += delimiter.count
        while true {
            // After a delimiter: `--` ends the body, CRLF starts a part.
            if body[index...].starts(with: [45, 45]) { return }
            guard body[index...].starts(with: crlf), parts.count < Self.maxParts else { throw Unreadable() }
            index += 2
            guard let headersEnd = Self.find([13, 10, 13, 10], in: body, from: index),
                headersEnd - index <= Self.maxHeaderBytes
            else { throw Unreadable() }
            let headers = String(decoding: body[index..<headersEnd], as: UTF8.self)
            let bodyStart = headersEnd + 4
            guard let end = Self.find(crlf + delimiter, in: body, from: bodyStart) else { throw Unreadable() }
            parts.append(try Self.part(headers: headers, body: Array(body[bodyStart..<end])))
            index = end + 2 + delimiter.count
        }
    }

    /// The part of `headers` (CRLF-separated) and `body`.
    private static func part(headers: String, body: [UInt8]) throws(Unreadable) -> Part {
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            let items = HeaderParameters.split(String(line[line.index(after: colon)...]))
            guard items.first?.lowercased() == "form-data",
                let name = HeaderParameters.value(of: "name", in: items.dropFirst())
            else { throw Unreadable() }
            let filename = HeaderParameters.value(of: "filename", in: items.dropFirst()).map {
                String($0.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
            }
            return Part(name: name, filename: filename, body: body)
        }
        throw Unreadable()
    }

    /// The first index of `pattern` in `bytes` at or after `start`.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, start <= bytes.count - pattern.count else { return nil }
        var index = start
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first, bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}

/// The `;`-separated items of a header value such as `form-data; name="file"; filename="a;b.csv"`: a `;` inside
/// quotes does not separate.
enum HeaderParameters {
    /// The items of `value`, trimmed.
    static func split(_ value: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in value {
            if escaped {
                escaped = false
            } else if quoted, character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";", !quoted {
                items.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(character)
        }
        items.append(current.trimmingCharacters(in: .whitespaces))
        return items
    }

    /// The value of the parameter `name` (any case) among `items`, unquoted.
    static func value(of name: String, in items: some Sequence<String>) -> String? {
        for item in items {
            guard let equals = item.firstIndex(of: "="),
                item[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == name
            else { continue }
            var value = item[item.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
                    .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            }
            return value
        }
        return nil
    }
}
