import AvaraSupport
import Foundation
import Synchronization

/// Builds the links that go into emails from the service's public URL.
///
/// Without a configured public URL the base is `http://HOST:PORT`; when the service listens on port 0 (a free port
/// the system picks) the base follows the bound port once it is known (``bind(port:host:)``).
package final class InvitationLinks: Sendable {
    private let base: Mutex<String>
    private let followsBoundPort: Bool

    /// - Parameter publicURL: e.g. `https://avara.example.org`; a trailing slash is ignored.
    package init(publicURL: String) {
        base = Mutex(Self.trimmed(publicURL))
        followsBoundPort = false
    }

    /// The base for a service without a configured public URL: `base` (`http://HOST:PORT`), which follows the
    /// port the server binds (``bind(port:host:)``) when `followsBoundPort` (a service on port 0).
    package init(base: String, followsBoundPort: Bool) {
        self.base = Mutex(Self.trimmed(base))
        self.followsBoundPort = followsBoundPort
    }

    /// Records the port the server listens on, for a base that follows it.
    package func bind(port: Int, host: String) {
        guard followsBoundPort else { return }
        let bound = "http://\(URLAuthority.hostAndPort(host, port))"
        base.withLock { $0 = bound }
    }

    /// The base of every link: the public URL, or `http://HOST:PORT`.
    package var baseURL: String { base.withLock { $0 } }

    /// `{public-url}/invitations/{token}`.
    package func acceptURL(token: String) -> String {
        "\(base.withLock { $0 })/invitations/\(token)"
    }

    private static func trimmed(_ url: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
