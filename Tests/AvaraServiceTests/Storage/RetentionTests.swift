import AvaraSupport
import AvaraTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraService
@testable import AvaraStorage

/// Sent and failed mail, expired sessions and old login attempts do not stay in the database forever.
@Suite("Retention")
struct RetentionTests {
    @Test(
        "sent mail and expired sessions are deleted once the retention is up; queued mail is kept",
        arguments: [nil, 3 * 86_400])
    func endedRowsArePurged(retentionSeconds: Int?) async throws {
        let retention = TimeInterval(retentionSeconds ?? 30 * 86_400)
        try await TestService.with(configure: { configuration in
            if let retentionSeconds { configuration.retention = .seconds(retentionSeconds) }
        }) { service in
            try await service.app().test(.router) { client in
                let (_, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                _ = try await AcceptanceSteps.submit(path, password: LoginTests.password, client)
                #expect(
                    try await LoginTests.login("dr.johnson@hospital.org", LoginTests.password, .viewer, client).status
                        == .ok)
                let purger = service.environment.purger()

                // The session expires after 12 hours; the message was sent at once.
                service.clock.advance(by: retention - 3600)
                _ = try await AcceptanceSteps.invite(.viewer, client, service, email: "later@hospital.org")
                _ = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: "queued@hospital.org"), key: service.apiKey)
                var deleted = await purger.purge()
                #expect(deleted["outbox messages"] == 0)
                #expect(deleted["sessions"] == 0)

                service.clock.advance(by: 2 * 3600)
                deleted = await purger.purge()
                #expect(deleted["outbox messages"] == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 2)
                service.clock.advance(by: 12 * 3600)
                deleted = await purger.purge()
                #expect(deleted["sessions"] == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM sessions") == 0)
                #expect(
                    try await service.strings("SELECT status FROM outbox ORDER BY status", column: "status") == [
                        "queued", "sent",
                    ])
            }
        }
    }

    @Test("a login-attempt window is deleted once it has ended")
    func loginAttemptsArePurged() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                _ = try await LoginTests.login("nobody@hospital.org", "wrong password!!", .viewer, client)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM login_attempts") == 2)
                let purger = service.environment.purger()
                #expect(await purger.purge()["login attempts"] == 0)
                service.clock.advance(by: 15 * 60)
                #expect(await purger.purge()["login attempts"] == 2)
            }
        }
    }

    @Test("events are kept 365 days by default, or the event retention, then deleted; the audit log then ends there")
    func eventsArePurged() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                _ = try await InvitationLifecycleTests.invite(.viewer, client, service)
                service.clock.advance(by: 200 * 86_400)
                _ = try await InvitationLifecycleTests.invite(.viewer, client, service, email: "later@hospital.org")
                let purger = service.environment.purger()
                #expect(await purger.purge()["events"] == 0)
                service.clock.advance(by: 166 * 86_400)
                #expect(await purger.purge()["events"] == 1)
                let left = try await client.events("type=user.invited", key: service.apiKey).events
                #expect(left.map { $0.object("data")["email"] as? String } == ["later@hospital.org"])
            }
        }
        try await TestService.with(configure: { $0.eventRetention = .seconds(7 * 86_400) }) { service in
            try await service.app().test(.router) { client in
                _ = try await InvitationLifecycleTests.invite(.viewer, client, service)
                service.clock.advance(by: 7 * 86_400 + 1)
                #expect(await service.environment.purger().purge()["events"] == 1)
            }
        }
        #expect(try ServiceConfiguration(environment: [:]).eventRetention == .seconds(365 * 86_400))
        #expect(
            try ServiceConfiguration(environment: ["AVARA_EVENT_RETENTION": "2555d"]).eventRetention
                == .seconds(2555 * 86_400))
        #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(environment: ["AVARA_EVENT_RETENTION": "forever"])
        }
    }

    @Test("the retention is configurable: AVARA_RETENTION, from 1 hour to 10 years")
    func retentionConfiguration() throws {
        #expect(try ServiceConfiguration(environment: [:]).retention == .seconds(30 * 86_400))
        #expect(try ServiceConfiguration(environment: ["AVARA_RETENTION": "90d"]).retention == .seconds(90 * 86_400))
        for bad in ["30m", "4000d", "forever", "-1d"] {
            #expect(throws: ConfigurationError.self) { try ServiceConfiguration(environment: ["AVARA_RETENTION": bad]) }
        }
    }
}
