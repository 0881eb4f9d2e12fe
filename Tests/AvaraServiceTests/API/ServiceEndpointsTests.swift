import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("Health and the OpenAPI document")
struct ServiceEndpointsTests {
    /// The repository's openapi.yaml, the single source of truth.
    static let repositorySpec = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi.yaml")

    @Test("GET /health answers 200 without a key")
    func healthAnswersOK() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
                #expect(response.status == .ok)
                #expect(try response.json()["status"] as? String == "ok")
            }
        }
    }

    @Test("GET /health answers 503 when the database is gone")
    func healthReportsADeadDatabase() async throws {
        try await TestService.with { service in
            let app = try service.app()
            try await service.environment.store.close()
            try await app.test(.router) { client in
                let response = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
                #expect(response.status == .serviceUnavailable)
                #expect(try response.decode(ProblemBody.self).status == 503)
            }
        }
    }

    @Test("GET /openapi.yaml serves the repository's openapi.yaml byte for byte, without a key")
    func openAPIDocumentIsTheRepositoryFile() async throws {
        let expected = try Data(contentsOf: Self.repositorySpec)
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.executeRequest(
                    uri: "/openapi.yaml", method: .get, headers: [:], body: nil)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
                #expect(Data(buffer: response.body) == expected)
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1"))
            }
        }
    }

    @Test("openapi.yaml lists exactly the roles the service accepts, in the same order (ClinicRoles of the core)")
    func specRolesMatchTheService() throws {
        #expect(ClinicRoles.viewer == Components.Schemas.ViewerClinicRole.allCases.map(\.rawValue))
        #expect(ClinicRoles.autoScribe == Components.Schemas.AutoScribeClinicRole.allCases.map(\.rawValue))
        #expect(RuleBook.standard[.viewer].allowedRoles == ValidationFixtures.viewerRoles)
        #expect(RuleBook.standard[.autoScribe].allowedRoles == ValidationFixtures.autoScribeRoles)
        let spec = try String(contentsOf: Self.repositorySpec, encoding: .utf8)
        for role in ValidationFixtures.autoScribeRoles + ValidationFixtures.viewerRoles {
            #expect(
                spec.contains("- \(role)\n") || spec.contains("- \"\(role)\"\n"), "\(role) missing from openapi.yaml")
        }
    }
}
