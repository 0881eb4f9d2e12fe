import AvaraCore
import NIOCore
import NIOSSL
import Synchronization

/// The NIO handler under ``SMTPConnection``: writes commands, splits what the server sends into lines, assembles
/// replies and completes, in order, the promise of each command awaiting one.
///
/// Replies and waiting commands are matched first in, first out, so a reply that arrives before anyone waits for
/// it (the greeting, or a `421` the server sends before closing) answers the next command. Any error, and the end
/// of the connection, fail every command still waiting.
package final class SMTPChannelHandler: ChannelDuplexHandler {
    package typealias InboundIn = ByteBuffer
    package typealias OutboundIn = Request
    package typealias OutboundOut = ByteBuffer

    /// A command to write (or `nil` to only await the next reply, such as the greeting) and the promise of its
    /// reply.
    package struct Request: Sendable {
        var bytes: ByteBuffer?
        var reply: EventLoopPromise<SMTPReply>
    }

    /// The longest line accepted (RFC 5321 §4.5.3.1.5 allows 512 octets for a reply line; servers exceed it).
    package static let maximumLineLength = 16 * 1024

    private var input = ByteBuffer()
    private var parser = SMTPReplyParser()
    private var replies: [SMTPReply] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    /// Set once the connection failed or closed; later commands fail with it at once. Shared with
    /// ``SMTPConnection``, which needs the cause after this handler has left the closed pipeline.
    package let failure: FailureRecord

    package init(failure: FailureRecord) {
        self.failure = failure
    }

    /// The first reason a connection failed, readable from any thread.
    package final class FailureRecord: Sendable {
        private let value = Mutex<SMTPError?>(nil)

        /// The recorded failure, if any.
        var error: SMTPError? { value.withLock { $0 } }

        /// Records `error` unless a failure is already recorded; returns the one recorded.
        @discardableResult
        func record(_ error: SMTPError) -> SMTPError {
            value.withLock { recorded in
                if let recorded { return recorded }
                recorded = error
                return error
            }
        }
    }

    /// Whether nothing has been received that no command has consumed: no partial line, no partial or unclaimed
    /// reply. Checked before TLS starts, so that plaintext injected ahead of the handshake is never trusted.
    package var isDrained: Bool {
        input.readableBytes == 0 && !parser.isInsideReply && replies.isEmpty
    }

    package func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure = failure.error {
            request.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        waiting.append(request.reply)
        if let bytes = request.bytes {
            context.writeAndFlush(wrapOutboundOut(bytes), promise: promise)
        } else {
            promise?.succeed()
        }
        deliverReplies()
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        input.writeBuffer(&bytes)
        do throws(SMTPError) {
            while let newline = input.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = newline - input.readerIndex
                guard var line = input.readSlice(length: length)?.readableBytesView else { break }
                input.moveReaderIndex(forwardBy: 1)
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                if let reply = try parser.parse(line: line) {
                    replies.append(reply)
                }
            }
            guard input.readableBytes <= Self.maximumLineLength else {
                throw .protocolViolation("the server sent a line longer than \(Self.maximumLineLength) bytes")
            }
            input.discardReadBytes()
        } catch {
            fail(error, context: context)
            return
        }
        deliverReplies()
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let smtpError: SMTPError
        switch error {
        case let error as SMTPError: smtpError = error
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError: smtpError = .tls(error)
        default: smtpError = .io(error)
        }
        fail(smtpError, context: context)
    }

    package func channelInactive(context: ChannelHandlerContext) {
        failWaiting(failure.record(.connectionClosed))
        context.fireChannelInactive()
    }

    /// Records the first failure, fails every waiting command and closes the connection.
    private func fail(_ error: SMTPError, context: ChannelHandlerContext) {
        failWaiting(failure.record(error))
        context.close(promise: nil)
    }

    private func failWaiting(_ error: SMTPError) {
        let failed = waiting
        waiting = []
        for promise in failed {
            promise.fail(error)
        }
    }

    /// Hands replies to waiting commands, oldest first.
    private func deliverReplies() {
        while !replies.isEmpty, !waiting.isEmpty {
            waiting.removeFirst().succeed(replies.removeFirst())
        }
    }
}
