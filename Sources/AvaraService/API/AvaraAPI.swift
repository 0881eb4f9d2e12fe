import Foundation
import HTTPTypes
import OpenAPIRuntime
import SQLKit

/// The service's implementation of the operations of openapi.yaml.
///
/// Requests reach these methods authenticated and validated (see ``AuthenticationMiddleware`` and
/// ``UserBodyValidationMiddleware``); errors they throw become problem responses in ``ProblemMiddleware``.
struct AvaraAPI: APIProtocol {
    let invitations: InvitationService
    let logins: LoginService
    let users: UserDirectoryService
    let store: any DatabaseStore

    /// How the generated code writes bodies: compact JSON (the runtime pretty-prints by default), keys sorted so
    /// responses are stable, and timestamps with the milliseconds they are stored with.
    static let configuration = Configuration(
        dateTranscoder: TimestampTranscoder(),
        jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]
    )

    func viewerUsersInvite(_ input: Operations.ViewerUsersInvite.Input) async throws -> Operations.ViewerUsersInvite.Output {
        let scope = try RequestScope.required()
        guard case .json(let params) = input.body else { throw APIError.malformedBody("Send the body as JSON.") }
        let user = try await invitations.invite(
            InviteRequest(params), clinic: scope.clinic, idempotency: IdempotencyClaim.current
        )
        return .created(.init(headers: .init(location: user.location), body: .json(.init(user))))
    }

    func autoScribeUsersInvite(
        _ input: Operations.AutoScribeUsersInvite.Input
    ) async throws -> Operations.AutoScribeUsersInvite.Output {
        let scope = try RequestScope.required()
        guard case .json(let params) = input.body else { throw APIError.malformedBody("Send the body as JSON.") }
        let user = try await invitations.invite(
            InviteRequest(params), clinic: scope.clinic, idempotency: IdempotencyClaim.current
        )
        return .created(.init(headers: .init(location: user.location), body: .json(.init(user))))
    }

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        do {
            try await store.read { db in try await db.raw("SELECT 1").run() }
        } catch {
            throw APIError(status: .serviceUnavailable, detail: "The database does not answer.")
        }
        return .ok(.init(body: .json(.init(status: .ok))))
    }

    func getOpenAPIDocument(
        _ input: Operations.GetOpenAPIDocument.Input
    ) async throws -> Operations.GetOpenAPIDocument.Output {
        .ok(.init(body: .yaml(HTTPBody(try OpenAPIDocument.bytes()))))
    }
}

/// The OpenAPI document this build was generated from, as shipped in the target's resources.
enum OpenAPIDocument {
    static func bytes() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return Array(try Data(contentsOf: url))
    }
}

extension UserRecord {
    /// The user's path in the API.
    var location: String {
        "/v1/\(product.pathComponent)/users/\(userId)"
    }
}
