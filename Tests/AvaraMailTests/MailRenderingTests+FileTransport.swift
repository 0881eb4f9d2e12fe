import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraMail

/// The file transport: one `.eml` per Message-ID, written whole, flushed, `0600`.
extension MailRenderingTests {
    // MARK: - File transport

    @Test("the file transport writes one .eml per Message-ID and overwrites it on redelivery")
    func fileTransportIsIdempotent() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let transport = FileMailTransport(directory: directory)
        var message = Self.message()
        var other = Self.message()
        other.messageId = "inv-other@avara.local"

        try await transport.deliver(message)
        try await transport.deliver(other)
        message.subject = "Second attempt"
        try await transport.deliver(message)

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["inv-0123abcd@avara.local.eml", "inv-other@avara.local.eml"])
        let written = try String(contentsOf: directory.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(written == message.rfc5322())
    }

    @Test("every .eml file is readable by its owner only (0600), a new one and one written over an older 0644 file")
    func fileTransportPermissions() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let transport = FileMailTransport(directory: directory)
        var older = Self.message()
        older.messageId = "inv-older@avara.local"
        let olderPath = directory.appendingPathComponent("inv-older@avara.local.eml").path
        #expect(
            FileManager.default.createFile(
                atPath: olderPath, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))

        try await transport.deliver(Self.message())
        try await transport.deliver(older)

        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: directory.appendingPathComponent(name).path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
        }
    }

    @Test("a batch of many messages writes each in full, leaves no temporary file, and a failed message fails alone")
    func fileTransportBatch() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let transport = FileMailTransport(directory: directory)
        let messages = (1...80).map { number in
            var message = Self.message()
            message.messageId = "inv-\(number)@avara.local"
            message.subject = "Message \(number)"
            return message
        }
        var emails = messages.map {
            OutboundEmail(messageId: $0.messageId, recipient: $0.to.address, rendered: $0.rfc5322())
        }
        // A name the folder cannot take: a directory already holds it, so that message alone fails.
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("inv-blocked@avara.local.eml/inside"),
            withIntermediateDirectories: true
        )
        emails.insert(
            OutboundEmail(messageId: "inv-blocked@avara.local", recipient: "a@example.org", rendered: "x"), at: 40)

        let results = await transport.deliver(batch: emails)

        #expect(transport.preferredBatchSize > 1)
        #expect(results.count == 81)
        for (email, result) in zip(emails, results) {
            if email.messageId == "inv-blocked@avara.local" {
                #expect(throws: MailDeliveryError.self) { try result.get() }
            } else {
                try result.get()
                let written = try String(contentsOf: transport.fileURL(for: email.messageId), encoding: .utf8)
                #expect(written == email.rendered)
            }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names.filter { $0.hasPrefix(".") }.isEmpty, "no temporary file left behind")
        #expect(names.count == 81, "80 messages and the folder that blocked one")
    }

    @Test("the file transport creates a missing directory")
    func fileTransportCreatesDirectory() async throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("nested/outbox")
        let transport = FileMailTransport(directory: directory)
        try FileManager.default.removeItem(at: root)

        try await transport.deliver(Self.message())

        #expect(
            FileManager.default.fileExists(
                atPath: directory.appendingPathComponent("inv-0123abcd@avara.local.eml").path))
    }

    @Test("unsafe Message-ID characters cannot escape the outbox directory")
    func fileNamesAreSanitised() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var message = Self.message()
        message.messageId = "../../etc/passwd"

        try await FileMailTransport(directory: directory).deliver(message)

        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["_.._.._etc_passwd.eml"])
        #expect(FileMailTransport.fileName(for: "..") == "_..")
        #expect(FileMailTransport.fileName(for: "") == "_")
        #expect(FileMailTransport.fileName(for: String(repeating: "a", count: 500)).count <= 200)
        #expect(
            FileMailTransport.fileName(for: String(repeating: "a", count: 500) + "1")
                != FileMailTransport.fileName(for: String(repeating: "a", count: 500) + "2")
        )
    }

    @Test("a write failure is a transient delivery error")
    func fileTransportWriteFailureIsTransient() async throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let blocker = root.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let transport = FileMailTransport(directory: blocker)

        let error = await #expect(throws: MailDeliveryError.self) {
            try await transport.deliver(Self.message())
        }
        #expect(error?.kind == .transient)
    }
}
