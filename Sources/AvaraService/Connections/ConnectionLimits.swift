/// How long a client may take over each part of a request, and how many connections the service keeps open.
///
/// A connection is closed when it sends no request for ``idleTimeout`` (between requests), takes longer than
/// ``headerTimeout`` over a request head once its first byte arrived, or longer than ``bodyTimeout`` over the body
/// once the head is in. At ``maxConnections`` open connections the service stops accepting new ones until one
/// closes (they wait in the listen backlog meanwhile).
package struct ConnectionLimits: Sendable, Equatable {
    /// `--header-timeout`, `AVARA_HEADER_TIMEOUT`; default 10 seconds.
    package var headerTimeout: Duration = .seconds(10)
    /// `--body-timeout`, `AVARA_BODY_TIMEOUT`; default 30 seconds.
    package var bodyTimeout: Duration = .seconds(30)
    /// `--idle-timeout`, `AVARA_IDLE_TIMEOUT`; default 75 seconds (longer than the usual load balancer's 60, so
    /// that the balancer, not the service, closes idle keep-alive connections).
    package var idleTimeout: Duration = .seconds(75)
    /// `--max-connections`, `AVARA_MAX_CONNECTIONS`; default 4,096.
    package var maxConnections: Int = 4096

    package init() {}
}
