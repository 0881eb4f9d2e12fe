import AvaraCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The service's own operations: its readiness and liveness, and its OpenAPI document.
struct ServiceEndpoints: Sendable {
    let database: any DatabaseHealth

    var routes: [APIRoute<AvaraRequestContext>] {
        [
            APIRoute(.get, "/health", "getHealth", health),
            APIRoute(.get, "/health/live", "getLiveness", liveness),
            APIRoute(.get, "/openapi.yaml", "getOpenAPIDocument", openAPIDocument),
        ]
    }

    /// Readiness, for a load balancer: 200 while the database answers reads and takes writes, 503 saying why not.
    @Sendable func health(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        switch await database.readiness() {
        case .ready:
            return try APIJSON.response(.ok, Components.Schemas.Health(status: .ok))
        case .databaseUnavailable:
            throw APIError.notReady("The database does not answer.")
        case .writesStuck:
            throw APIError.notReady("The database answers reads, but a write did not complete in time.")
        case .storageFull:
            throw APIError.notReady("The database's disk is full: nothing can be written.")
        }
    }

    /// Liveness, for a supervisor: 200 while the process serves requests at all, whatever its database does.
    @Sendable func liveness(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        try APIJSON.response(.ok, Components.Schemas.Health(status: .ok))
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
