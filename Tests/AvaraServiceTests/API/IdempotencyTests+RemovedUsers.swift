import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// A key's answers about a user go with the user.
extension IdempotencyTests {
    @Test(
        "after the user is removed, the same key and body invite the user again instead of replaying the old 201",
        arguments: Product.allCases)
    func removedUserIsInvitedAgain(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = InviteBodies.full(product)
                let first = try await client.invite(
                    product, body, key: service.apiKey, headers: Self.keyed("roster-row-1"))
                let firstId = try #require(try first.json()["userId"] as? String)
                let removed = try await UserDirectoryTests.request(
                    .delete, product, firstId, client, key: service.apiKey)
                #expect(removed.status == .noContent)

                // A roster imported again: the row's key is the same.
                let again = try await client.invite(
                    product, body, key: service.apiKey, headers: Self.keyed("roster-row-1"))
                #expect(again.status == .created)
                #expect(again.headers[.idempotentReplayed] == nil)
                let againId = try #require(try again.json()["userId"] as? String)
                #expect(againId != firstId)
                #expect(
                    try await UserDirectoryTests.request(.get, product, againId, client, key: service.apiKey).status
                        == .ok)
                // And that answer is the one kept now.
                let retry = try await client.invite(
                    product, body, key: service.apiKey, headers: Self.keyed("roster-row-1"))
                #expect(retry.headers[.idempotentReplayed] == "true")
                #expect(try retry.json()["userId"] as? String == againId)
            }
        }
    }
}
