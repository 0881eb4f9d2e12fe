import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 child channel with ``ConnectionDeadlines``: a request head must arrive within the header
/// timeout of its first byte, and its body within the body timeout of its head; and with a
/// ``WriteProgressWatchdog``: a response that backs up and does not drain for the idle timeout is cut.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let responder: HTTPChannelHandler.Responder
    let configuration: HTTP1Channel.Configuration
    let limits: ConnectionLimits
    private let base: HTTP1Channel

    init(
        responder: @escaping HTTPChannelHandler.Responder, configuration: HTTP1Channel.Configuration,
        limits: ConnectionLimits
    ) {
        self.responder = responder
        self.configuration = configuration
        self.limits = limits
        self.base = HTTP1Channel(responder: responder, configuration: configuration)
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let deadlines = ConnectionDeadlines(
            headerTimeout: TimeAmount(limits.headerTimeout), bodyTimeout: TimeAmount(limits.bodyTimeout)
        )
        var configuration = configuration
        // Called once, in this setup, on the channel's event loop, like every use of `deadlines`.
        let bound = NIOLoopBound(deadlines, eventLoop: channel.eventLoop)
        configuration.additionalChannelHandlers = { [RequestPartsHandler(bound.value)] }
        let connection = HTTP1Channel(responder: responder, configuration: configuration)
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandlers(
                WriteProgressWatchdog(timeout: TimeAmount(limits.idleTimeout)), RequestStartHandler(deadlines)
            )
        }.flatMap {
            connection.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
