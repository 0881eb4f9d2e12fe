import AvaraCore
import Hummingbird

/// Reading a request's JSON body: once, whole, and into one parse.
extension Request {
    /// The body as a JSON object, read once (a streamed body, an empty one included, is collected into one
    /// buffer) and parsed once.
    ///
    /// - Throws: ``APIError/malformedBody(_:fieldErrors:)`` when the body is not a JSON object, or when an object
    ///   repeats a member name (I-JSON, RFC 7493: two parsers could read it differently); Hummingbird's 413 beyond
    ///   `limit` bytes.
    func jsonObject(upTo limit: Int) async throws -> (object: [String: JSONValue], bytes: ByteBuffer) {
        var request = self
        let bytes = try await request.collectBody(upTo: limit)
        do {
            return (try JSONValue.parseObject(bytes.readableBytesView), bytes)
        } catch .duplicateMember(let member) {
            // Names are echoed, so a long one is cut short.
            let name = String(member.prefix(200))
            throw APIError.malformedBody(
                JSONBodyError.duplicateMember(name).message,
                fieldErrors: [FieldError(field: name, message: "appears more than once in the same object")]
            )
        } catch {
            throw APIError.malformedBody(error.message)
        }
    }
}
