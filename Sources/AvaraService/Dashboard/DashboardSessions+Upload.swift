import AvaraCore
import Hummingbird
import NIOCore

extension DashboardSessions {
    /// Why an upload cannot be read, before its file is looked at.
    enum UploadProblem: Error {
        /// The body is larger than the route takes.
        case tooLarge
        /// The body is not `multipart/form-data` as a form with a file sends it.
        case unreadable
    }

    /// The `multipart/form-data` form of a state-changing upload of `signedIn`, once its origin and its CSRF token
    /// (the part `csrf`) are checked, as ``form(_:of:context:)`` checks a form's.
    ///
    /// The origin is checked before the body is read; the token once it is.
    ///
    /// - Throws: ``DashboardError/forgedRequest`` from another origin or without this session's token;
    ///   ``UploadProblem`` for a body over `limit` bytes, or one that is not a multipart form.
    func upload(_ request: Request, of signedIn: SignedIn, limit: Int) async throws -> MultipartForm {
        guard isSameOrigin(request) else { throw DashboardError.forgedRequest }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw UploadProblem.tooLarge
        }
        guard let boundary = MultipartForm.boundary(of: request.headers[.contentType]) else {
            throw UploadProblem.unreadable
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw UploadProblem.tooLarge
        }
        let form: MultipartForm
        do {
            form = try MultipartForm(Array(buffer: body), boundary: boundary)
        } catch {
            throw UploadProblem.unreadable
        }
        guard form["csrf"]?.text == signedIn.csrfToken else { throw DashboardError.forgedRequest }
        return form
    }
}
