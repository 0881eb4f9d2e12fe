import NIOCore

/// Closes a connection whose client stops reading: when what the service writes backs up (the channel stops being
/// writable) and does not drain for ``timeout`` (the idle timeout), the response is cut and the connection closed.
///
/// Without it, a client that pipelines requests for a large answer (`GET /openapi.yaml`) and never reads holds its
/// connection, and a place under the connection cap, for ever: the read timeouts do not apply while a response is
/// being written, and that response never ends. Progress is the backlog draining below the channel's low-water
/// mark, so a slow reader that keeps reading keeps its connection. Nothing is done per write: the timer runs only
/// while the channel is not writable.
final class WriteProgressWatchdog: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            deadline?.cancel()
            deadline = nil
        } else if deadline == nil {
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
