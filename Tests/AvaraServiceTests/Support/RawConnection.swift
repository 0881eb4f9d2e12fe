import NIOCore
import NIOPosix
import Synchronization

/// A bare TCP connection to the service, to send requests byte by byte (or not at all) and see what comes back.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let received: Received

    private init(channel: any Channel, received: Received) {
        self.channel = channel
        self.received = received
    }

    /// Connects to `host`:`port`.
    static func open(host: String = "127.0.0.1", port: Int) async throws -> RawConnection {
        let received = Received()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(received) }
            }
            .connect(host: host, port: port).get()
        return RawConnection(channel: channel, received: received)
    }

    /// Sends `text` as it is.
    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Everything the service sent so far.
    var text: String { received.text }

    /// Whether the service has closed the connection.
    var isClosed: Bool { !channel.isActive }

    /// Waits (at most `seconds`) until the service closed the connection or `condition` holds of what it sent.
    @discardableResult
    func wait(upTo seconds: Double, until condition: (String) -> Bool = { _ in false }) async throws -> Bool {
        for _ in 0..<Int(seconds * 20) {
            if isClosed || condition(text) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return isClosed || condition(text)
    }

    func close() async {
        try? await channel.close()
    }

    private final class Received: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        private let bytes = Mutex("")

        var text: String { bytes.withLock { $0 } }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            bytes.withLock { $0 += String(buffer: buffer) }
        }
    }
}
