import Foundation
import Testing

@testable import Avara

@Suite("Verifying webhook deliveries (Standard Webhooks)")
struct WebhookVerificationTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    /// The secret a rotation moves to.
    static let newSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
    static let id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
    /// 2026-03-01T09:30:00Z.
    static let sentAt = Date(timeIntervalSince1970: 1_772_357_400)
    static let body = #"""
        {"actor":{"id":"0123abcd","name":"PACS sync","type":"api_key"},"clientAddress":"203.0.113.7","clinicId":"cln_1","createdAt":"2026-03-01T09:30:00.250Z","data":{"email":"dr.lee@hospital.org","userId":"usr_1"},"eventId":"evt_019ca8bbb6ba000000001a2b3c4d5e6f","previousValues":{"level":"member"},"product":"viewer","requestId":"req_1","surface":"api","type":"user.updated"}
        """#

    // Signatures computed by the Python reference library (pip install standardwebhooks, version 1.3.0):
    //   from datetime import datetime, timezone
    //   from standardwebhooks.webhooks import Webhook
    //   Webhook(secret).sign(msg_id, datetime.fromtimestamp(seconds, tz=timezone.utc), payload)
    /// `body` signed with `secret`.
    static let bodySignature = "v1,urGwtlIBA9TCI++oq6Hz1X8Zq5GDvcmlh+6LWDBsD5o="
    /// `body` signed with `newSecret`.
    static let bodySignatureWithNewSecret = "v1,8UQkf0ci18GxiEnr295FaJxX6de6M6wDVFH2KImmeJI="

    /// (secret, msg_id, timestamp, payload, signature by the Python reference library).
    static let referenceVectors: [(String, String, Int, [UInt8], String)] = [
        (secret, id, 1_772_357_400, Array(body.utf8), bodySignature),
        (newSecret, id, 1_772_357_400, Array(body.utf8), bodySignatureWithNewSecret),
        // The secret without its prefix, as the reference libraries accept it.
        ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id, 1_772_357_400, Array(body.utf8), bodySignature),
        // The example of the Standard Webhooks specification.
        (
            secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, Array(#"{"test": 2432232314}"#.utf8),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        ),
        // Bytes that are not UTF-8 are signed as they are (Python: b"\xff\x00\xfe").
        (secret, "msg_1", 1_772_357_400, [0xff, 0x00, 0xfe], "v1,G3Ks1hNhzMfvi6CtlW1etFikyClh34yNB6mr3mBAYpA="),
        (secret, "msg_1", 1_772_357_400, [], "v1,10kqi+TeeKBh7tomts7dqHdjyNmFZr0fYPgNFIdZ5Ss="),
    ]

    static func headers(
        signature: String = bodySignature, id: String = id, timestamp: String = "1772357400"
    ) -> [String: String] {
        ["webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature]
    }

    /// `error` thrown by verifying `body` with `headers` at `now` under `secret`, or `nil` when it verifies.
    static func failure(
        body: String = body, headers: [String: String], now: Date = sentAt, secret: String = secret
    ) throws -> WebhookVerificationError? {
        let webhooks = try Webhooks(secret: secret)
        do {
            _ = try webhooks.verify(payload: Data(body.utf8), headers: headers, now: now)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Signatures

    @Test("signatures match the Python reference library's", arguments: referenceVectors)
    func referenceSignatures(
        secret: String, id: String, seconds: Int, payload: [UInt8], signature: String
    ) throws {
        let webhooks = try Webhooks(secret: secret)
        let timestamp = Date(timeIntervalSince1970: TimeInterval(seconds))
        #expect(webhooks.sign(id: id, timestamp: timestamp, payload: Data(payload)) == signature)
        // The signature verifies; the payloads that are not events then fail as such.
        let headers = Self.headers(signature: signature, id: id, timestamp: String(seconds))
        do {
            _ = try webhooks.verify(payload: Data(payload), headers: headers, now: timestamp)
        } catch {
            #expect(error == .invalidPayload)
        }
    }

    @Test("a delivery signed by the reference library verifies and decodes to its event")
    func validDelivery() throws {
        let webhooks = try Webhooks(secret: Self.secret)
        let event = try webhooks.verify(payload: Data(Self.body.utf8), headers: Self.headers(), now: Self.sentAt)
        #expect(event.eventId == "evt_019ca8bbb6ba000000001a2b3c4d5e6f")
        #expect(event.type == .userUpdated)
        #expect(event.createdAt == Date(timeIntervalSince1970: 1_772_357_400.25))
        #expect(event.clinicId == "cln_1")
        #expect(event.product == "viewer")
        #expect(event.actor == WebhookEventActor(type: "api_key", id: "0123abcd", name: "PACS sync"))
        #expect(event.surface == "api")
        #expect(event.requestId == "req_1")
        #expect(event.clientAddress == "203.0.113.7")
        #expect(event.data == .object(["email": .string("dr.lee@hospital.org"), "userId": .string("usr_1")]))
        #expect(event.data["email"] == .string("dr.lee@hospital.org"))
        #expect(event.previousValues == ["level": .string("member")])
        // Written back, the event is the body it came from, byte for byte.
        #expect(String(decoding: try WireFormat.encoder().encode(event), as: UTF8.self) == Self.body)
    }

    @Test("header names are matched in any case")
    func headerNamesInAnyCase() throws {
        let headers = [
            "Webhook-Id": Self.id, "WEBHOOK-TIMESTAMP": "1772357400", "Webhook-Signature": Self.bodySignature,
        ]
        #expect(try Self.failure(headers: headers) == nil)
    }

    @Test("without `now`, a delivery signed just now verifies")
    func verifiesAgainstTheClock() throws {
        let webhooks = try Webhooks(secret: Self.secret)
        let signature = webhooks.sign(id: Self.id, timestamp: Date(), payload: Data(Self.body.utf8))
        let timestamp = String(Int(Date().timeIntervalSince1970))
        let event = try webhooks.verify(
            payload: Data(Self.body.utf8), headers: Self.headers(signature: signature, timestamp: timestamp)
        )
        #expect(event.eventId == "evt_019ca8bbb6ba000000001a2b3c4d5e6f")
    }

    @Test("the timestamp signed is in whole seconds, rounded down")
    func signsWholeSeconds() throws {
        let webhooks = try Webhooks(secret: Self.secret)
        let payload = Data(Self.body.utf8)
        let late = webhooks.sign(id: Self.id, timestamp: Self.sentAt.addingTimeInterval(0.999), payload: payload)
        #expect(late == Self.bodySignature)
    }

    // MARK: Rejections

    @Test("a body changed by one byte is rejected")
    func tamperedBody() throws {
        let tampered = Self.body.replacingOccurrences(of: #""level":"member""#, with: #""level":"admin""#)
        #expect(try Self.failure(body: tampered, headers: Self.headers()) == .invalidSignature)
        let oneSpace = Self.body + " "
        #expect(try Self.failure(body: oneSpace, headers: Self.headers()) == .invalidSignature)
    }

    @Test("a changed id or timestamp is rejected: both are signed")
    func tamperedHeaders() throws {
        #expect(try Self.failure(headers: Self.headers(id: "msg_other")) == .invalidSignature)
        #expect(try Self.failure(headers: Self.headers(timestamp: "1772357401")) == .invalidSignature)
    }

    @Test("a delivery signed with another secret is rejected")
    func wrongSecret() throws {
        #expect(try Self.failure(headers: Self.headers(), secret: Self.newSecret) == .invalidSignature)
        let key = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
        #expect(try Self.failure(headers: Self.headers(), secret: key) == .invalidSignature)
    }

    @Test(
        "a missing or empty header is rejected",
        arguments: ["webhook-id", "webhook-timestamp", "webhook-signature"])
    func missingHeader(name: String) throws {
        var headers = Self.headers()
        headers[name] = nil
        #expect(try Self.failure(headers: headers) == .missingHeaders)
        headers[name] = ""
        #expect(try Self.failure(headers: headers) == .missingHeaders)
        #expect(try Self.failure(headers: [:]) == .missingHeaders)
    }

    @Test(
        "a timestamp that is not whole seconds since 1970 is rejected",
        arguments: ["yesterday", "1772357400.5", "2026-03-01T09:30:00Z", " 1772357400", "99999999999999999999"])
    func malformedTimestamp(timestamp: String) throws {
        #expect(try Self.failure(headers: Self.headers(timestamp: timestamp)) == .invalidHeaders)
    }

    @Test(
        "a signature header without a matching v1 entry is rejected",
        arguments: [
            "garbage", "v1", "v1,", "v1,not-base64!", ",v1 v1,,", "  ",
            // The right signature cut short, without its padding, without its version, in the wrong case, as
            // another version.
            "v1,urGwtlIBA9TCI++oq6Hz1X8Zq5GDvcmlh+6LWDBsD5", "v1,urGwtlIBA9TCI++oq6Hz1X8Zq5GDvcmlh+6LWDBsD5o",
            "urGwtlIBA9TCI++oq6Hz1X8Zq5GDvcmlh+6LWDBsD5o=", "V1,urGwtlIBA9TCI++oq6Hz1X8Zq5GDvcmlh+6LWDBsD5o=",
            "v2,urGwtlIBA9TCI++oq6Hz1X8Zq5GDvcmlh+6LWDBsD5o=", "v1a,urGwtlIBA9TCI++oq6Hz1X8Zq5GDvcmlh+6LWDBsD5o=",
        ])
    func malformedSignature(signature: String) throws {
        #expect(try Self.failure(headers: Self.headers(signature: signature)) == .invalidSignature)
    }

    @Test("timestamps more than 5 minutes from now either way are rejected; at 5 minutes they pass")
    func timestampTolerance() throws {
        let headers = Self.headers()
        #expect(try Self.failure(headers: headers, now: Self.sentAt.addingTimeInterval(301)) == .timestampTooOld)
        #expect(try Self.failure(headers: headers, now: Self.sentAt.addingTimeInterval(86_400)) == .timestampTooOld)
        #expect(try Self.failure(headers: headers, now: Self.sentAt.addingTimeInterval(-301)) == .timestampTooNew)
        #expect(try Self.failure(headers: headers, now: Self.sentAt.addingTimeInterval(-86_400)) == .timestampTooNew)
        #expect(try Self.failure(headers: headers, now: Self.sentAt.addingTimeInterval(300)) == nil)
        #expect(try Self.failure(headers: headers, now: Self.sentAt.addingTimeInterval(-300)) == nil)
        #expect(Webhooks.tolerance == 300)
    }

    @Test("a stale timestamp is rejected as such even when the signature is also wrong, as the reference does")
    func timestampCheckedFirst() throws {
        let headers = Self.headers(signature: "v1,forged")
        #expect(try Self.failure(headers: headers, now: Self.sentAt.addingTimeInterval(3_600)) == .timestampTooOld)
    }

    // MARK: Rotation and versions

    @Test(
        "during a rotation, two signatures: the delivery verifies with either secret",
        arguments: [secret, newSecret])
    func rotation(secret: String) throws {
        let both = "\(Self.bodySignature) \(Self.bodySignatureWithNewSecret)"
        #expect(try Self.failure(headers: Self.headers(signature: both), secret: secret) == nil)
        let reversed = "\(Self.bodySignatureWithNewSecret) \(Self.bodySignature)"
        #expect(try Self.failure(headers: Self.headers(signature: reversed), secret: secret) == nil)
        let third = "whsec_" + Data(repeating: 9, count: 32).base64EncodedString()
        #expect(try Self.failure(headers: Self.headers(signature: both), secret: third) == .invalidSignature)
    }

    @Test("entries of other versions are ignored, before or after the v1 one")
    func otherVersionsIgnored() throws {
        let header = "v1a,bm90IGEgcmVhbCBzaWduYXR1cmU= \(Self.bodySignature) v2,c29tZXRoaW5nIGVsc2U="
        #expect(try Self.failure(headers: Self.headers(signature: header)) == nil)
    }

    // MARK: Events

    @Test("an event type this SDK does not know is kept, not an error")
    func unknownEventType() throws {
        let body = Self.body.replacingOccurrences(of: #""type":"user.updated""#, with: #""type":"user.promoted""#)
        let webhooks = try Webhooks(secret: Self.secret)
        let signature = webhooks.sign(id: Self.id, timestamp: Self.sentAt, payload: Data(body.utf8))
        let event = try webhooks.verify(
            payload: Data(body.utf8), headers: Self.headers(signature: signature), now: Self.sentAt
        )
        #expect(event.type == .unknown("user.promoted"))
        #expect(event.type.rawValue == "user.promoted")
        #expect(!event.type.isKnown)
        #expect(String(decoding: try WireFormat.encoder().encode(event), as: UTF8.self) == body)
    }

    @Test("null fields decode as nil and are written back as null; previousValues may be absent")
    func nullsAndAbsentFields() throws {
        let body = #"""
            {"actor":{"id":null,"name":null,"type":"system"},"clientAddress":null,"clinicId":"cln_1","createdAt":"2026-03-01T09:30:00.250Z","data":{"count":2,"list":[true,null,1.5],"nested":{"a":"b"}},"eventId":"evt_1","product":null,"requestId":null,"surface":null,"type":"invitation.expired"}
            """#
        let webhooks = try Webhooks(secret: Self.secret)
        let signature = webhooks.sign(id: Self.id, timestamp: Self.sentAt, payload: Data(body.utf8))
        let event = try webhooks.verify(
            payload: Data(body.utf8), headers: Self.headers(signature: signature), now: Self.sentAt
        )
        #expect(event.type == .invitationExpired)
        #expect(event.actor == WebhookEventActor(type: "system", id: nil, name: nil))
        #expect(event.product == nil && event.surface == nil && event.requestId == nil && event.clientAddress == nil)
        #expect(event.previousValues == nil)
        #expect(event.data["list"] == .array([.bool(true), .null, .number(1.5)]))
        #expect(event.data["nested"]?["a"] == .string("b"))
        #expect(event.data["count"] == .number(2))
        #expect(String(decoding: try WireFormat.encoder().encode(event), as: UTF8.self) == body)
    }

    @Test("a correctly signed body that is not an event is rejected as an invalid payload")
    func invalidPayload() throws {
        let webhooks = try Webhooks(secret: Self.secret)
        for body in ["not json", "{}", #"{"eventId":"evt_1","type":"user.invited"}"#] {
            let signature = webhooks.sign(id: Self.id, timestamp: Self.sentAt, payload: Data(body.utf8))
            let error = try Self.failure(body: body, headers: Self.headers(signature: signature))
            #expect(error == .invalidPayload)
            #expect(error?.description.hasPrefix("WebhookVerificationError.invalidPayload: ") == true)
        }
    }

    @Test("the known event types are the API's, each with its exact string")
    func knownEventTypes() {
        let names = [
            "user.invited", "user.updated", "user.deleted", "user.logged_in", "invitation.resent", "invitation.revoked",
            "invitation.accepted", "invitation.expired", "invitation.email_sent", "invitation.email_failed",
            "api_key.created", "api_key.revoked", "webhook_endpoint.created", "webhook_endpoint.updated",
            "webhook_endpoint.deleted", "webhook_endpoint.disabled",
        ]
        #expect(WebhookEventType.allCases.map(\.rawValue) == names)
        for name in names {
            // Matched on the case: `==` compares raw values, so `.unknown(name)` would equal the known case.
            if case .unknown = WebhookEventType(rawValue: name) {
                Issue.record("\(name) reads as unknown")
            }
            #expect(WebhookEventType(rawValue: name).rawValue == name)
        }
        #expect(WebhookEventType.userLoggedIn.rawValue == "user.logged_in")
        #expect(WebhookEventType.apiKeyRevoked.rawValue == "api_key.revoked")
    }

    // MARK: Secrets

    @Test("secrets: the prefix and the padding may be left out; anything not base64, or empty, is refused")
    func secrets() throws {
        let padded = "whsec_" + Data((1...32).map { UInt8($0) }).base64EncodedString()
        #expect(padded.hasSuffix("="))
        let payload = Data(Self.body.utf8)
        let expected = try Webhooks(secret: padded).sign(id: Self.id, timestamp: Self.sentAt, payload: payload)
        let variants = [String(padded.dropFirst(6)), String(padded.dropLast()), String(padded.dropFirst(6).dropLast())]
        for variant in variants {
            let webhooks = try Webhooks(secret: variant)
            #expect(webhooks.sign(id: Self.id, timestamp: Self.sentAt, payload: payload) == expected)
        }
        for bad in ["whsec_", "", "whsec_not base64!", "whsec_A", "whsec_****"] {
            #expect(throws: WebhookVerificationError.invalidSecret) { try Webhooks(secret: bad) }
        }
    }

    @Test("the secret never shows in a description")
    func secretRedacted() throws {
        let webhooks = try Webhooks(secret: Self.secret)
        #expect("\(webhooks)" == "Webhooks(secret: <redacted>)")
        var dumped = ""
        dump(webhooks, to: &dumped)
        #expect(!dumped.contains("key"))
        #expect(Mirror(reflecting: webhooks).children.isEmpty)
    }

    @Test("errors compare by kind, whatever their detail")
    func errorEquality() {
        struct Failure: Error {}
        #expect(WebhookVerificationError.invalidPayload(Failure()) == .invalidPayload)
        #expect(WebhookVerificationError.invalidPayload != .invalidSignature)
        #expect(WebhookVerificationError.timestampTooOld.description == "WebhookVerificationError.timestampTooOld")
    }

    // MARK: SHA-256 and HMAC

    @Test(
        "SHA-256 of the NIST (FIPS 180-4) examples and of lengths around a block",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                    + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
            // Python: hashlib.sha256(b"a" * n).hexdigest()
            (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (String(repeating: "a", count: 63), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
            (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
            (String(repeating: "a", count: 65), "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
            (String(repeating: "a", count: 119), "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
            (String(repeating: "a", count: 120), "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        ])
    func sha256(message: String, digest: String) {
        #expect(Self.hex(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test("SHA-256 fed in three pieces, the first two of every size up to one and two blocks, equals it at once")
    func sha256InPieces() {
        let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let whole = SHA256.hash(message)
        var mismatches = 0
        var firstMismatch = ""
        for first in 0...64 {
            for second in 0...136 {
                var hasher = SHA256()
                hasher.update(message[..<first])
                hasher.update(message[first..<first + second])
                hasher.update(message[(first + second)...])
                if hasher.finalize() != whole {
                    if mismatches == 0 { firstMismatch = "pieces of \(first) and \(second) bytes" }
                    mismatches += 1
                }
            }
        }
        #expect(mismatches == 0, "first: \(firstMismatch)")
    }

    @Test("SHA-256 of a million a's (NIST), at once and fed in pieces of every size up to two blocks")
    func sha256Incremental() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Self.hex(SHA256.hash(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var hasher = SHA256()
        var start = 0
        var size = 0
        while start < message.count {
            let end = min(start + size, message.count)
            hasher.update(message[start..<end])
            start = end
            size = (size + 1) % 129
        }
        #expect(Self.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(
        "HMAC-SHA256 of RFC 4231's test cases",
        arguments: [
            (
                [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
            ),
            (
                (1...25).map { UInt8($0) }, [UInt8](repeating: 0xcd, count: 50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
            ),
            // Test case 5 gives the first 128 bits only.
            (
                [UInt8](repeating: 0x0c, count: 20), Array("Test With Truncation".utf8),
                "a3b6167473100ee06e0c796c2955552b"
            ),
            (
                [UInt8](repeating: 0xaa, count: 131),
                Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
            (
                [UInt8](repeating: 0xaa, count: 131),
                Array(
                    ("This is a test using a larger than block-size key and a larger than block-size data. The key "
                        + "needs to be hashed before being used by the HMAC algorithm.").utf8),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
            ),
        ] as [([UInt8], [UInt8], String)])
    func hmacSHA256(key: [UInt8], message: [UInt8], mac: String) {
        #expect(Self.hex(SHA256.hmac(key: key, message: message)).hasPrefix(mac))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
