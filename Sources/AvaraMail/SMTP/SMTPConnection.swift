import AvaraCore
import AvaraSupport
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP (or TLS) connection to an SMTP server, driven one command at a time: each call writes a command and
/// awaits its reply, within ``replyTimeout``.
///
/// It knows framing, TLS and timeouts, not the dialogue; ``SMTPSession`` holds the dialogue. A timeout closes the
/// connection, so a late reply can never be taken for the answer to a later command.
package struct SMTPConnection: Sendable {
    private let channel: any Channel
    /// Why the connection failed, as the handler recorded it.
    private let failure: SMTPChannelHandler.FailureRecord
    /// How long to wait for each reply (and for the TLS handshake that precedes it).
    package let replyTimeout: Duration
    private let logger: Logger

    /// Whether the connection is protected by TLS (implicit, or after STARTTLS).
    private(set) var isEncrypted: Bool

    /// Opens a connection to `host`:`port`, with TLS from the first byte when `implicitTLS` is given.
    ///
    /// - Parameters:
    ///   - implicitTLS: the TLS context for `smtps://`; `nil` for a plain connection.
    ///   - connectTimeout: how long the TCP connect may take.
    /// - Throws: ``SMTPError/connectFailed(_:)``.
    package static func connect(
        host: String,
        port: Int,
        implicitTLS: NIOSSLContext?,
        connectTimeout: Duration,
        replyTimeout: Duration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) async throws(SMTPError) -> SMTPConnection {
        let serverHostname = Self.serverNameIndication(for: host)
        let failure = SMTPChannelHandler.FailureRecord()
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(.init(connectTimeout))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let implicitTLS {
                        try sync.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: serverHostname))
                    }
                    try sync.addHandler(SMTPChannelHandler(failure: failure))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: host, port: port).get()
            return SMTPConnection(
                channel: channel, failure: failure, replyTimeout: replyTimeout, logger: logger,
                isEncrypted: implicitTLS != nil
            )
        } catch {
            throw .connectFailed(error)
        }
    }

    private init(
        channel: any Channel, failure: SMTPChannelHandler.FailureRecord, replyTimeout: Duration, logger: Logger,
        isEncrypted: Bool
    ) {
        self.channel = channel
        self.failure = failure
        self.replyTimeout = replyTimeout
        self.logger = logger
        self.isEncrypted = isEncrypted
    }

    /// The address literal of this end of the connection, for EHLO and HELO: `[192.0.2.10]` or
    /// `[IPv6:2001:db8::10]` (RFC 5321 §4.1.3).
    package var localAddressLiteral: String {
        switch (channel.localAddress, channel.localAddress?.ipAddress) {
        case (.v4?, let ip?): "[\(ip)]"
        case (.v6?, let ip?): "[IPv6:\(ip)]"
        default: "[127.0.0.1]"
        }
    }

    /// Whether the server is on this machine's loopback interface (127.0.0.0/8 or ::1).
    package var isLoopback: Bool {
        channel.remoteAddress?.ipAddress.map(URLAuthority.isLoopback) ?? false
    }

    /// Awaits the server's greeting.
    package func greeting() async throws(SMTPError) -> SMTPReply {
        try await exchange(nil, label: "the connection (greeting)")
    }

    /// Sends `command` (without CRLF) and awaits its reply.
    ///
    /// - Parameters:
    ///   - label: how logs and errors name the command; pass one whenever `command` holds an address or a secret
    ///     (`RCPT TO`, `AUTH PLAIN`), so that neither is ever logged.
    ///   - timeout: how long to wait for the reply; default ``replyTimeout``.
    package func send(
        _ command: String, label: String? = nil, timeout: Duration? = nil
    ) async throws(SMTPError) -> SMTPReply {
        logger.trace("smtp >", metadata: ["command": "\(label ?? command)"])
        return try await exchange(ByteBuffer(string: command + "\r\n"), label: label ?? command, timeout: timeout)
    }

    /// Sends message content, already dot-stuffed and ending in `CRLF.CRLF`, and awaits the reply.
    package func sendData(_ content: ByteBuffer) async throws(SMTPError) -> SMTPReply {
        logger.trace("smtp >", metadata: ["command": "<message content>", "bytes": "\(content.readableBytes)"])
        return try await exchange(content, label: "the end of the message content")
    }

    /// Starts TLS on this connection after the server answered STARTTLS with 220 (RFC 3207).
    ///
    /// Anything the server sent after its 220 and before the handshake was not protected and is refused.
    package mutating func startTLS(context: NIOSSLContext, host: String) async throws(SMTPError) {
        let serverHostname = Self.serverNameIndication(for: host)
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                let sync = channel.pipeline.syncOperations
                guard try sync.handler(type: SMTPChannelHandler.self).isDrained else {
                    throw SMTPError.protocolViolation(
                        "the server sent data after its STARTTLS reply, before the TLS handshake")
                }
                try sync.addHandler(
                    NIOSSLClientHandler(context: context, serverHostname: serverHostname), position: .first)
            }.get()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw .tls(error)
        }
        isEncrypted = true
    }

    /// Closes the connection (without QUIT).
    package func close() async {
        try? await channel.close()
    }

    /// Writes `bytes` (if any) and awaits the next reply, failing and closing the connection after `timeout`
    /// (default ``replyTimeout``).
    private func exchange(
        _ bytes: ByteBuffer?, label: String, timeout: Duration? = nil
    ) async throws(SMTPError) -> SMTPReply {
        let channel = self.channel
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let timeout = timeout ?? replyTimeout
        let timedOut = SMTPError.timedOut(waitingFor: label, after: timeout)
        let timer = channel.eventLoop.scheduleTask(in: .init(timeout)) {
            promise.fail(timedOut)
            channel.close(promise: nil)
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        let written = channel.eventLoop.makePromise(of: Void.self)
        let failure = self.failure
        written.futureResult.whenFailure { error in
            // The handler fails the waiting reply with the cause (a TLS error, say), which may come after the
            // failed write. Once the connection has closed, the reply fails with that cause if nothing failed it
            // yet: the request may never have reached the handler.
            channel.closeFuture.whenComplete { _ in
                promise.fail(
                    failure.error ?? (error as? ChannelError == .ioOnClosedChannel ? .connectionClosed : .io(error)))
            }
            channel.close(promise: nil)
        }
        channel.writeAndFlush(SMTPChannelHandler.Request(bytes: bytes, reply: promise), promise: written)
        do {
            let reply = try await promise.futureResult.get()
            logger.trace("smtp <", metadata: ["reply": "\(reply.code)"])
            return reply
        } catch let error as SMTPError {
            throw error
        } catch {
            throw .io(error)
        }
    }

    /// The name to send in TLS SNI and to check the certificate against: `host`, unless it is an IP address (not
    /// allowed in SNI), in which case NIOSSL checks the certificate against the address connected to.
    private static func serverNameIndication(for host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
