import Foundation
import Testing

@Suite("avara events list|tail and avara webhooks")
struct EventsAndWebhooksCommandTests {
    @Test("events list shows each change as a row or as JSON, filtered and in either order")
    func eventsList() async throws {
        try await withClientServer { server in
            let user = try await server.json(UsersCommandTests.invite("viewer", email: "dr.johnson@hospital.org"))
            let userId = try #require(user["userId"] as? String)
            _ = try await server.json(["viewer", "users", "update", userId, "--first-name", "Sara"])

            let table = try await server.run(["events", "list"])
            #expect(table.status == 0, "\(table.stderr)")
            // The invitation's email is sent by the server meanwhile, which is an event of its own.
            let lines = table.stdout.split(separator: "\n").map(String.init).filter {
                !$0.contains("invitation.email_sent")
            }
            #expect(lines.first?.hasPrefix("createdAt") == true)
            #expect(lines.count == 4, "the header, two events and the count: \(table.stdout)")
            #expect(["2 events", "3 events"].contains(lines.last))
            #expect(lines[1].contains("user.updated") && lines[1].contains(userId), "newest first")
            #expect(lines[2].contains("user.invited") && lines[2].contains("api_key:"))
            let keyId = try #require(lines[2].firstMatch(of: /api_key:([0-9a-f]{16})/)).1

            let json = try await server.run([
                "events", "list", "--order", "oldest", "--actor-id", String(keyId), "--json",
            ])
            #expect(json.status == 0, "\(json.stderr)")
            let events = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(events.compactMap { $0["type"] as? String } == ["user.invited", "user.updated"])
            #expect((events[1]["previousValues"] as? [String: String]) == ["firstName": "Sarah"])

            let filtered = try await server.run(["events", "list", "--type", "user.updated", "--json"])
            let updates = try #require(
                try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]])
            #expect(updates.count == 1)
            let none = try await server.run(["events", "list", "--since", "2999-01-01T00:00:00Z", "--json"])
            #expect(none.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

            let bad = try await server.run(["events", "list", "--since", "yesterday-ish"])
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("--since"))
        }
    }

    @Test("events tail prints the events made after it started, then ends normally on Ctrl-C")
    func eventsTail() async throws {
        try await withClientServer { server in
            _ = try await server.json(UsersCommandTests.invite("viewer", email: "before@hospital.org"))
            let tail = try server.start(["events", "tail", "--type", "user.invited", "--interval", "0.2", "--json"])
            // The tail starts after the newest event it finds when it starts, which a loaded machine can delay past
            // an invite: invite again until one made after its start is printed.
            var printed = false
            for attempt in 1...10 where !printed {
                try await Task.sleep(for: .milliseconds(600))
                let user = try await server.json(
                    UsersCommandTests.invite("autoScribe", email: "after\(attempt)@hospital.org"))
                let userId = try #require(user["userId"] as? String)
                let deadline = ContinuousClock.now + .seconds(10)
                while !tail.stdout.contains(userId), ContinuousClock.now < deadline, tail.isRunning {
                    try await Task.sleep(for: .milliseconds(50))
                }
                printed = tail.stdout.contains(userId)
            }
            #expect(printed, "no invite printed: \(tail.stdout) \(tail.stderr)")
            tail.signal(SIGINT)
            #expect(try await tail.waitForExit() == 0, "\(tail.stderr)")
            let lines = tail.stdout.split(separator: "\n")
            let types = try lines.map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["type"] as? String
            }
            #expect(types == ["user.invited"], "only the new invite, once: \(tail.stdout)")
            #expect(!tail.stdout.contains("before@hospital.org"))
        }
    }

    @Test("webhooks create shows the secret once; list, get, update, deliveries, retry, rotate-secret and delete")
    func webhooks() async throws {
        try await withClientServer(serveArguments: ["--allow-insecure-webhooks"]) { server in
            let created = try await server.run([
                "webhooks", "create", "--url", "http://127.0.0.1:9/hook", "--event-type", "user.invited",
                "--description", "PACS",
            ])
            #expect(created.status == 0, "\(created.stderr)")
            let secret = try #require(created.stdout.firstMatch(of: /whsec_[A-Za-z0-9+\/=]{44}/)).output
            let endpointId = try #require(created.stdout.firstMatch(of: /we_[0-9a-f]+/)).output

            let listed = try await server.run(["webhooks", "list"])
            #expect(listed.stdout.contains(String(endpointId)) && listed.stdout.contains("PACS"))
            #expect(!listed.stdout.contains(String(secret)), "the secret is shown only at creation")
            let fetched = try await server.json(["webhooks", "get", String(endpointId)])
            #expect(fetched["eventTypes"] as? [String] == ["user.invited"])
            #expect(fetched["secret"] == nil)

            let updated = try await server.json([
                "webhooks", "update", String(endpointId), "--event-type", "user.invited", "--event-type",
                "user.deleted", "--clear-description",
            ])
            #expect(updated["eventTypes"] as? [String] == ["user.invited", "user.deleted"])
            #expect(updated["description"] is NSNull)

            _ = try await server.json(UsersCommandTests.invite("viewer", email: "dr.johnson@hospital.org"))
            let deliveries = try await server.run(["webhooks", "deliveries", String(endpointId), "--json"])
            #expect(deliveries.status == 0, "\(deliveries.stderr)")
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(deliveries.stdout.utf8)) as? [[String: Any]])
            let eventId = try #require(rows.first?["eventId"] as? String)
            #expect(rows.first?["eventType"] as? String == "user.invited")

            let retried = try await server.run(["webhooks", "retry", String(endpointId), eventId])
            #expect(retried.status == 0, "\(retried.stderr)")
            #expect(retried.stdout.contains("Queued \(eventId)"))
            let missing = try await server.run(["webhooks", "retry", String(endpointId), "evt_nothing"])
            #expect(missing.status != 0)

            let rotated = try await server.run(["webhooks", "rotate-secret", String(endpointId)])
            #expect(rotated.status == 0, "\(rotated.stderr)")
            let newSecret = try #require(rotated.stdout.firstMatch(of: /whsec_[A-Za-z0-9+\/=]{44}/)).output
            #expect(newSecret != secret)

            let deleted = try await server.run(["webhooks", "delete", String(endpointId)])
            #expect(deleted.status == 0, "\(deleted.stderr)")
            let gone = try await server.run(["webhooks", "get", String(endpointId)])
            #expect(gone.status != 0)
        }
    }

    @Test("without --allow-insecure-webhooks a loopback URL is refused, naming the field")
    func refusedURL() async throws {
        try await withClientServer { server in
            let refused = try await server.run([
                "webhooks", "create", "--url", "https://127.0.0.1/hook", "--event-type", "user.invited",
            ])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("url"))
        }
    }
}
