extension APIKey {
    /// A new key from `random`.
    package static func generate(using random: any RandomSource) -> APIKey {
        let keyId = random.hex(8)
        return APIKey(keyId: keyId, plaintext: "\(prefix)\(keyId)_\(random.base64URL(32))")
    }
}
