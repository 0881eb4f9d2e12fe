import AvaraCore
import AvaraSupport
import Foundation

extension ServiceConfiguration {
    /// The box sealing webhook secrets with the configured secret key: ``secretKey``, else the key file
    /// (``secretKeyFile``, or for SQLite `<database>.secret-key`, made with 32 random bytes and mode `0600` when
    /// missing); `nil` for a PostgreSQL database without either.
    ///
    /// - Throws: ``ConfigurationError`` for a key that is not base64 of 32 bytes, or a file that cannot be read or
    ///   made.
    package func secretBox(random: any RandomSource) throws -> SecretBox? {
        if let secretKey { return try Self.box(secretKey, source: "AVARA_SECRET_KEY") }
        var path = secretKeyFile
        if path == nil, let database = try sqlitePathIfAny() { path = database + ".secret-key" }
        guard let path else { return nil }
        if secretKeyFile == nil, !FileManager.default.fileExists(atPath: path) {
            let key = Data(random.bytes(32)).base64EncodedString() + "\n"
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data(key.utf8), attributes: [.posixPermissions: 0o600])
            else { throw ConfigurationError("the secret key file \(path) cannot be created") }
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationError("the secret key file \(path) cannot be read")
        }
        return try Self.box(text, source: path)
    }

    private static func box(_ text: String, source: String) throws -> SecretBox {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed), let box = SecretBox(key: Array(data)) else {
            throw ConfigurationError("\(source) must hold base64 of 32 bytes (openssl rand -base64 32)")
        }
        return box
    }
}
