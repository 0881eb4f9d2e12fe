import Foundation

/// One of the clinic's API keys, as listed: never its secret.
public struct APIKey: Codable, Equatable, Sendable {
    /// The key's public id (what follows `avk_`).
    public var keyId: String
    /// What the clinic calls it.
    public var name: String
    /// `avk_` and the id: not secret, enough to tell keys apart.
    public var prefix: String
    /// When the key was created.
    public var createdAt: Date
    /// The last request it authenticated, to the minute; `nil` until then.
    public var lastUsedAt: Date?
    /// When it was revoked; `nil` while it works.
    public var revokedAt: Date?
    /// The ``keyId`` of the key whose request created this one; `nil` for keys made by `avara keys create` or with
    /// the clinic. After a key leaks, the keys it minted are the ones naming it here.
    public var createdByKeyId: String?

    /// A key as the API lists it; tests and previews make their own.
    public init(
        keyId: String, name: String, prefix: String, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil,
        createdByKeyId: String? = nil
    ) {
        self.keyId = keyId
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.createdByKeyId = createdByKeyId
    }
}

/// A new API key, with its secret: the only time the secret is shown.
public struct CreatedAPIKey: Codable, Equatable, Sendable {
    /// The key's public id (what follows `avk_`).
    public var keyId: String
    /// What the clinic calls it.
    public var name: String
    /// `avk_` and the id: not secret, enough to tell keys apart.
    public var prefix: String
    /// When the key was created.
    public var createdAt: Date
    /// The last request it authenticated, to the minute; `nil` until then.
    public var lastUsedAt: Date?
    /// When it was revoked; `nil` while it works.
    public var revokedAt: Date?
    /// The key whose request created this one (see ``APIKey/createdByKeyId``).
    public var createdByKeyId: String?
    /// The whole key, to send as `Authorization: Bearer`; store it now. (A retried request whose first attempt
    /// created the key fails with a conflict naming the key instead: the secret is never kept.)
    public var key: String?

    /// A new key as the API answers its creation.
    public init(
        keyId: String, name: String, prefix: String, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil,
        createdByKeyId: String? = nil, key: String?
    ) {
        self.keyId = keyId
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.createdByKeyId = createdByKeyId
        self.key = key
    }
}

/// The list of ``APIKeys/list(options:)``.
struct APIKeyList: Decodable {
    var data: [APIKey]
}

/// The clinic's API keys: several named keys, for rotation without downtime.
///
/// ```swift
/// let new = try await client.apiKeys.create(name: "2027 rotation")
/// // deploy new.key to the clients, then:
/// _ = try await client.apiKeys.revoke(keyId: oldKeyId)
/// ```
public struct APIKeys: Sendable {
    let requester: Requester

    static let path = "/v1/apiKeys"

    /// Every key of the clinic, revoked ones included, oldest first.
    public func list(options: RequestOptions = RequestOptions()) async throws -> [APIKey] {
        let list: APIKeyList = try await requester.get(Self.path, options: options)
        return list.data
    }

    /// Creates a key named `name` (1 to 100 characters). Retried with one `Idempotency-Key`, so a lost answer
    /// never makes two keys.
    public func create(name: String, options: RequestOptions = RequestOptions()) async throws -> CreatedAPIKey {
        try await requester.post(Self.path, body: ["name": name], options: options)
    }

    /// Revokes the key `keyId`: it stops working on every replica within 5 seconds. Revoking twice is harmless.
    ///
    /// - Throws: ``AvaraError`` of kind ``AvaraError/Kind/notFound`` when the clinic has no such key.
    public func revoke(keyId: String, options: RequestOptions = RequestOptions()) async throws -> APIKey {
        try await requester.post("\(Self.path)/\(pathSegment(keyId))/revoke", options: options)
    }
}
