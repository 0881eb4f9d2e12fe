import AvaraCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The service's own operations: its health and its OpenAPI document.
struct ServiceEndpoints: Sendable {
    let database: any DatabaseHealth

    var routes: [APIRoute<AvaraRequestContext>] {
        [
            APIRoute(.get, "/health", "getHealth", health),
            APIRoute(.get, "/openapi.yaml", "getOpenAPIDocument", openAPIDocument),
        ]
    }

    @Sendable func health(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        do {
            try await database.check()
        } catch {
            throw APIError(status: .serviceUnavailable, detail: "The database does not answer.")
        }
        return try APIJSON.response(.ok, Components.Schemas.Health(status: .ok))
    }

    @Sendable func openAPIDocument(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/yaml"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.bytes()))
        )
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
