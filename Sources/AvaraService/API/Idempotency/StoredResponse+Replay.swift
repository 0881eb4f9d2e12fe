import AvaraCore
import HTTPTypes
import Hummingbird
import NIOCore

extension StoredResponse {
    /// The kept status, headers and body as a response; for the answer to a retry (`replayed`), with
    /// `Idempotent-Replayed: true`.
    package func response(replayed: Bool) -> Response {
        var fields = HTTPFields()
        for header in headers {
            if let name = HTTPField.Name(header.name) {
                fields.append(HTTPField(name: name, value: header.value))
            }
        }
        if replayed { fields[.idempotentReplayed] = "true" }
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
