import AvaraSupport
import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// Which client a request comes from, behind a load balancer or not.
@Suite("The client's address")
struct ClientAddressTests {
    /// A login with a wrong password, through a proxy that says it comes from `address`.
    static func failedLogin(
        _ email: String, from address: String, _ client: some TestClientProtocol
    ) async throws -> HTTPResponse.Status {
        let body = try JSONValue.encode(["email": .string(email), "password": "wrong password!", "product": "viewer"])
        return try await client.executeRequest(
            uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json", .xForwardedFor: address],
            body: ByteBuffer(bytes: body)
        ).status
    }

    static func resolver(_ proxies: String) throws -> ClientAddressResolver {
        ClientAddressResolver(trustedProxies: try ServiceConfiguration.trustedProxies(proxies, option: "test"))
    }

    @Test("a forwarded address is believed only from a trusted proxy, read from the right past every trusted hop")
    func forwardedFromTrustedProxies() throws {
        let resolver = try Self.resolver("10.0.0.0/8, 2001:db8::/32")
        let xff: HTTPFields = [.xForwardedFor: "203.0.113.9, 198.51.100.7, 10.1.1.1"]
        // The peer is not a proxy of ours: whatever it says is ignored.
        #expect(resolver.clientAddress(peer: "198.51.100.50", headers: xff) == "198.51.100.50")
        // Through two of our proxies: the first untrusted address from the right is the client's, not the one the
        // client wrote itself at the left.
        #expect(resolver.clientAddress(peer: "10.0.0.2", headers: xff) == "198.51.100.7")
        #expect(resolver.clientAddress(peer: "10.0.0.2", headers: [:]) == "10.0.0.2")
        #expect(resolver.clientAddress(peer: "10.0.0.2", headers: [.xForwardedFor: "10.3.3.3"]) == "10.3.3.3")
        // An entry that is not an address stops the walk at the proxy that wrote it.
        #expect(resolver.clientAddress(peer: "10.0.0.2", headers: [.xForwardedFor: "unknown, 10.1.1.1"]) == "10.1.1.1")
        #expect(resolver.clientAddress(peer: "::ffff:10.0.0.2", headers: xff) == "198.51.100.7")
        #expect(resolver.clientAddress(peer: "2001:db8::5", headers: [.xForwardedFor: "2001:db9::1"]) == "2001:db9::1")
        // Without trusted proxies nothing forwarded counts.
        #expect(try Self.resolver("").clientAddress(peer: "10.0.0.2", headers: xff) == "10.0.0.2")
    }

    @Test("only the header the operator names is read: a client's own Forwarded does not pick its address")
    func oneHeaderOnly() throws {
        let proxies = try ServiceConfiguration.trustedProxies("10.0.0.0/8", option: "test")
        // nginx appended the real client to X-Forwarded-For and passed the client's Forwarded through.
        let spoofed: HTTPFields = [
            .forwarded: "for=192.0.2.77", .xForwardedFor: "198.51.100.1",
        ]
        let xff = ClientAddressResolver(trustedProxies: proxies)
        #expect(xff.clientAddress(peer: "10.0.0.2", headers: spoofed) == "198.51.100.1")
        #expect(xff.clientAddress(peer: "10.0.0.2", headers: [.forwarded: "for=192.0.2.77"]) == "10.0.0.2")

        let forwarded = ClientAddressResolver(trustedProxies: proxies, header: .forwarded)
        #expect(forwarded.clientAddress(peer: "10.0.0.2", headers: spoofed) == "192.0.2.77")
        #expect(forwarded.clientAddress(peer: "10.0.0.2", headers: [.xForwardedFor: "198.51.100.1"]) == "10.0.0.2")
        let rfc7239: HTTPFields = [
            .forwarded: #"for=192.0.2.60;proto=https, for="[2001:db8:cafe::17]:4711";by=10.0.0.1"#
        ]
        #expect(forwarded.clientAddress(peer: "10.0.0.2", headers: rfc7239) == "2001:db8:cafe::17")
        #expect(forwarded.clientAddress(peer: "10.0.0.2", headers: [.forwarded: "for=192.0.2.43:8080"]) == "192.0.2.43")
    }

    @Test("X-Forwarded-For entries with a port name the client, not the proxy")
    func xForwardedForPorts() throws {
        let resolver = try Self.resolver("10.0.0.0/8")
        #expect(
            resolver.clientAddress(peer: "10.0.0.2", headers: [.xForwardedFor: "203.0.113.5:4711"]) == "203.0.113.5")
        #expect(
            resolver.clientAddress(peer: "10.0.0.2", headers: [.xForwardedFor: "[2001:db8::1]:80"]) == "2001:db8::1")
        #expect(resolver.clientAddress(peer: "10.0.0.2", headers: [.xForwardedFor: "2001:db8::1"]) == "2001:db8::1")
    }

    @Test("IPv6 clients are counted per /64, IPv4 clients per address")
    func countedAddresses() {
        #expect(IPAddress("2001:db8:1:2:aaaa::1")?.counted == "2001:db8:1:2::/64")
        #expect(IPAddress("2001:db8:1:2::ffff")?.counted == "2001:db8:1:2::/64")
        #expect(IPAddress("2001:db8:1:3::1")?.counted == "2001:db8:1:3::/64")
        #expect(IPAddress("192.0.2.9")?.counted == "192.0.2.9")
        #expect(IPAddress("::ffff:192.0.2.9")?.counted == "192.0.2.9")
    }

    @Test("--forwarded-header takes x-forwarded-for or forwarded, and refuses anything else naming the option")
    func forwardedHeaderConfiguration() throws {
        #expect(try ServiceConfiguration(environment: [:]).forwardedHeader == .xForwardedFor)
        #expect(
            try ServiceConfiguration(environment: ["AVARA_FORWARDED_HEADER": "Forwarded"]).forwardedHeader == .forwarded
        )
        #expect(throws: ConfigurationError("AVARA_FORWARDED_HEADER: \"x-real-ip\" is not x-forwarded-for or forwarded"))
        {
            try ServiceConfiguration(environment: ["AVARA_FORWARDED_HEADER": "x-real-ip"])
        }
    }

    @Test("trusted proxies are addresses or CIDR ranges, and anything else is refused naming the option")
    func configuration() throws {
        let configuration = try ServiceConfiguration(environment: ["AVARA_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7,::1"]
        )
        #expect(configuration.trustedProxies.map(\.description) == ["10.0.0.0/8", "192.0.2.7", "::1"])
        for bad in ["banana", "10.0.0.0/33", "::/129", "10.0.0.0/x"] {
            #expect(throws: ConfigurationError.self) {
                try ServiceConfiguration(environment: ["AVARA_TRUSTED_PROXIES": bad])
            }
        }
        do {
            _ = try ServiceConfiguration(environment: ["AVARA_TRUSTED_PROXIES": "banana"])
        } catch let error as ConfigurationError {
            #expect(error.description.hasPrefix("AVARA_TRUSTED_PROXIES"))
        }
    }

    /// One client behind a trusted proxy: the addresses of its twenty failed logins, the one it tries next, and
    /// another client's.
    struct ClientBehindProxy: Sendable, CustomTestStringConvertible {
        var guesses: [String]
        var next: String
        var other: String
        var testDescription: String { "\(next) after \(guesses.count) guesses; \(other)" }
    }

    @Test(
        "behind a trusted proxy, twenty failed logins from one client (an IPv4 address, an IPv6 /64) lock that client out, not the others",
        arguments: [
            ClientBehindProxy(
                guesses: Array(repeating: "198.51.100.1", count: 20), next: "198.51.100.1", other: "198.51.100.2"
            ),
            // A client rotating through its /64: a new address for every guess.
            ClientBehindProxy(
                guesses: (1...20).map { "2001:db8:1:2::\($0)" }, next: "2001:db8:1:2:ffff::9", other: "2001:db8:1:3::1"
            ),
        ]
    )
    func perClientLimitBehindProxy(client behind: ClientBehindProxy) async throws {
        // Twenty-two password checks one after the other, each within the live client's 20 s: on a pool of their
        // own, not queued behind the hashes of every test running at the same time.
        try await TestService.with(
            configure: {
                $0.port = 0
                // An invalid range would leave no trusted proxy, and the other client below locked out.
                $0.trustedProxies = (try? ServiceConfiguration.trustedProxies("127.0.0.1", option: "test")) ?? []
            }, passwordPool: PasswordWorkPool(threads: 2, maxWaiting: 64)
        ) { service in
            let app = try buildApplication(environment: service.environment)
            try await app.test(.live) { client in
                // Twenty failures (over twenty accounts, under each account's own limit) from one client.
                for (index, address) in behind.guesses.enumerated() {
                    let status = try await Self.failedLogin("nobody\(index)@hospital.org", from: address, client)
                    #expect(status == .unauthorized)
                }
                let locked = try await Self.failedLogin("nobody20@hospital.org", from: behind.next, client)
                #expect(locked == .tooManyRequests)
                // Another client behind the same load balancer is not locked out.
                let other = try await Self.failedLogin("nobody21@hospital.org", from: behind.other, client)
                #expect(other == .unauthorized)
            }
        }
    }
}
