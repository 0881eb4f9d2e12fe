extension APIKeyCredential {
    /// A new key from `random`.
    package static func generate(using random: any RandomSource) -> APIKeyCredential {
        let keyId = random.hex(8)
        return APIKeyCredential(keyId: keyId, plaintext: "\(prefix)\(keyId)_\(random.base64URL(32))")
    }
}
