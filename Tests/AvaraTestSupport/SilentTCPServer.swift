import NIOCore
import NIOPosix

/// A TCP server on 127.0.0.1 that sends `greeting` (possibly nothing) to each client and then never says
/// anything again: the server that hangs, or that is not an SMTP server at all, which a real SMTP server cannot
/// be made to imitate.
///
/// ```swift
/// try await SilentTCPServer.with(greeting: "") { port in ... }
/// ```
package enum SilentTCPServer {
    /// Runs `body` with the port of a new server, then closes it.
    package static func with<T: Sendable>(greeting: String, _ body: (Int) async throws -> T) async throws -> T {
        let bytes = ByteBuffer(string: greeting)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(GreetThenIgnore(greeting: bytes))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(server.localAddress!.port!)
            try await server.close()
            return result
        } catch {
            try? await server.close()
            throw error
        }
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, then closed).
    package static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close()
        return port
    }

    private final class GreetThenIgnore: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let greeting: ByteBuffer

        init(greeting: ByteBuffer) { self.greeting = greeting }

        func channelActive(context: ChannelHandlerContext) {
            if greeting.readableBytes > 0 {
                context.writeAndFlush(NIOAny(greeting), promise: nil)
            }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
    }
}
