import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// The route table is written by hand once; openapi.yaml holds it.
@Suite("The routes are openapi.yaml's operations")
struct RoutesMatchSpecTests {
    /// The operations of the served openapi.yaml: each path's methods with their `operationId`.
    static func specOperations() throws -> Set<APIOperation> {
        let text = String(decoding: try OpenAPIDocument.bytes(), as: UTF8.self)
        var operations: Set<APIOperation> = []
        var path: String?
        var method: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("components:") { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"),
                ["get", "post", "put", "patch", "delete"].contains(line.trimmingCharacters(in: .whitespaces).dropLast())
            {
                method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
            } else if line.hasPrefix("      operationId: "), let path, let method {
                let operationId = String(line.dropFirst("      operationId: ".count))
                operations.insert(APIOperation(method: method, path: path, operationId: operationId))
            }
        }
        return operations
    }

    @Test("every operation of openapi.yaml is routed, with its method and path, and no route is not in it")
    func routesEqualSpec() async throws {
        try await TestService.with { service in
            let spec = try Self.specOperations()
            #expect(spec.count == 30)
            let routes = service.environment.apiRoutes().operations
            #expect(routes.count == Set(routes).count, "an operation is routed twice")
            #expect(Set(routes) == spec)
        }
    }

    @Test("every routed path answers other methods with 405 and Allow")
    func otherMethods() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.executeRequest(
                    uri: "/v1/viewer/users/usr_00000000000000000000000000000000/invitation/resend", method: .get,
                    headers: [.authorization: "Bearer \(service.apiKey)"], body: nil
                )
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                let collection = try await client.executeRequest(
                    uri: "/v1/autoScribe/users", method: .put, headers: [:], body: nil)
                #expect(collection.status == .methodNotAllowed)
                #expect(collection.headers[.allow] == "GET, POST")
            }
        }
    }
}
