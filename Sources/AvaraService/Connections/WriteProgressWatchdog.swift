import NIOCore

/// Closes a connection whose client stops reading: when written data waits and none of it reaches the client for
/// ``timeout`` (the idle timeout), the response is cut and the connection closed.
///
/// Without it, a client that pipelines requests for a large answer (`GET /openapi.yaml`) and never reads holds its
/// connection, and a place under the connection cap, for ever: the read timeouts do not apply while a response is
/// being written, and that response never ends. Progress is a write completing (its bytes handed to the kernel),
/// so a slow reader that keeps reading keeps its connection. It sits nearest the socket, where writes are bytes.
final class WriteProgressWatchdog: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let timeout: TimeAmount
    private var pending = 0
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let written = promise ?? context.eventLoop.makePromise()
        pending += 1
        if deadline == nil { arm(context) }
        // Called on the channel's event loop, like every use of this handler's state.
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in
            let (watchdog, context) = loopBound.value
            watchdog.pending -= 1
            watchdog.deadline?.cancel()
            watchdog.deadline = nil
            if watchdog.pending > 0 { watchdog.arm(context) }
        }
        context.write(data, promise: written)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        deadline?.cancel()
        deadline = nil
        context.close(mode: mode, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext) {
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }
}
