import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraService

extension TestClientProtocol {
    /// `GET /v1/events` with `query` (without the `?`), answered 200: the page's events and its cursor.
    func events(
        _ query: String = "order=oldest&limit=100", key: String
    ) async throws -> (events: [[String: Any]], nextCursor: String?) {
        let response = try await executeRequest(
            uri: "/v1/events?\(query)", method: .get, headers: [.authorization: "Bearer \(key)"], body: nil
        )
        try #require(response.status == .ok, "GET /v1/events?\(query) answered \(response.status)")
        let json = try response.json()
        return (try #require(json["data"] as? [[String: Any]]), json["nextCursor"] as? String)
    }

    /// The types of the clinic's events, oldest first.
    func eventTypes(key: String) async throws -> [String] {
        try await events(key: key).events.map { $0["type"] as? String ?? "?" }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The member `name` as an object.
    func object(_ name: String) -> [String: Any] { self[name] as? [String: Any] ?? [:] }
}
