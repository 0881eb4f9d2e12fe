import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Read deadlines of one HTTP/1.1 connection: how long a client may take to send a request head once it started
/// (``headerTimeout``), and its body once the head is in (``bodyTimeout``). A connection past either is closed, so
/// that a client sending a byte now and then cannot hold it (and a place under the connection cap) for ever.
///
/// The wait between requests is Hummingbird's idle timeout. Two handlers share this state: one in front of the
/// HTTP decoder sees the first bytes of a request; one behind it sees where its head and body end.
final class ConnectionDeadlines {
    enum Phase { case waiting, head, body, handling }

    let headerTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    private(set) var phase = Phase.waiting
    private var deadline: Scheduled<Void>?

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
    }

    /// Bytes arrived: a request begins when none was under way.
    func bytesArrived(_ context: ChannelHandlerContext) {
        guard phase == .waiting else { return }
        enter(.head, closingAfter: headerTimeout, context)
    }

    func headReceived(_ context: ChannelHandlerContext) { enter(.body, closingAfter: bodyTimeout, context) }

    func bodyReceived() { enter(.handling) }

    func responseSent() { enter(.waiting) }

    func closed() { enter(.waiting) }

    private func enter(_ phase: Phase, closingAfter timeout: TimeAmount? = nil, _ context: ChannelHandlerContext? = nil)
    {
        self.phase = phase
        deadline?.cancel()
        deadline = nil
        guard let timeout, let context else { return }
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }
}

/// In front of the HTTP decoder: notices the first bytes of each request.
final class RequestStartHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let deadlines: ConnectionDeadlines

    init(_ deadlines: ConnectionDeadlines) { self.deadlines = deadlines }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadlines.bytesArrived(context)
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadlines.closed()
        context.fireChannelInactive()
    }
}

/// Behind the HTTP decoder: notices where each request's head and body end, and where its response ends.
final class RequestPartsHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart
    let deadlines: ConnectionDeadlines

    init(_ deadlines: ConnectionDeadlines) { self.deadlines = deadlines }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadlines.headReceived(context)
        case .body: break
        case .end: deadlines.bodyReceived()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { deadlines.responseSent() }
        context.write(data, promise: promise)
    }
}
