import NIOCore

/// A `multipart/form-data` body as a browser sends a form: fields, and files with their names.
struct MultipartBody {
    static let boundary = "----AvaraTestBoundary7MA4YWxkTrZu0gW"
    static var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    private(set) var text = ""

    /// Adds a field, or a file when `filename` is given.
    mutating func add(_ name: String, _ value: String, filename: String? = nil) {
        text += "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\""
        if let filename { text += "; filename=\"\(filename)\"\r\nContent-Type: text/csv" }
        text += "\r\n\r\n\(value)\r\n"
    }

    /// The body, closed.
    var buffer: ByteBuffer { ByteBuffer(string: text + "--\(Self.boundary)--\r\n") }
}
