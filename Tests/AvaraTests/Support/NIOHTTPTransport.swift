import Avara
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The transport most of these tests send with: HTTP/1.1 over SwiftNIO, one connection per request.
///
/// Not `URLSessionTransport`, the SDK's default, because FoundationNetworking on Linux (Swift 6.3.1) watches
/// libcurl's sockets with dispatch sources and can close a socket its source still watches
/// (swiftlang/swift-corelibs-foundation#4791 and its kin): under a full parallel test run, libdispatch's event loop
/// then follows a write source that is gone and the whole test process dies of a segmentation fault (seen in CI,
/// in `_dispatch_event_loop_drain`). The default transport keeps its own few tests (`URLSessionTransportTests`), and
/// the CLI tests use it in every client command they run.
struct NIOHTTPTransport: AvaraTransport {
    func send(_ request: HTTPRequestData) async throws -> HTTPResponseData {
        guard let host = request.url.host else {
            throw AvaraError(transportFailure: .connection, detail: "no host in \(request.url)")
        }
        let port = request.url.port ?? 80
        let timeout = TimeAmount(request.timeout)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    }
                }
                .connect(host: host, port: port).get()
        } catch ChannelError.connectTimeout(_) {
            // As with URLSession, the call's limit covers connecting too (a busy event loop can take that long).
            throw AvaraError(transportFailure: .timeout, detail: "not connected within \(request.timeout)")
        } catch {
            throw AvaraError(transportFailure: .connection, detail: "could not reach \(host)", underlying: error)
        }
        let collector = ResponseCollector(promise: channel.eventLoop.makePromise())
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            collector.fail(AvaraError(transportFailure: .timeout, detail: "no answer within \(request.timeout)"))
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        try await channel.pipeline.addHandler(collector).get()
        channel.writeAndFlush(HTTPClientRequestPart.head(Self.head(of: request, host: host, port: port)), promise: nil)
        if let body = request.body {
            channel.writeAndFlush(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        return try await collector.promise.futureResult.get()
    }

    private static func head(of request: HTTPRequestData, host: String, port: Int) -> HTTPRequestHead {
        var path = request.url.path.isEmpty ? "/" : request.url.path
        if let query = request.url.query { path += "?\(query)" }
        var headers = HTTPHeaders(request.headers.map { ($0.key, $0.value) })
        headers.replaceOrAdd(name: "Host", value: "\(host):\(port)")
        headers.replaceOrAdd(name: "Content-Length", value: String(request.body?.count ?? 0))
        headers.replaceOrAdd(name: "Connection", value: "close")
        return HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: path, headers: headers)
    }
}

/// Gathers one response, answering its promise once: with the response at its end, or with the first failure.
private final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    let promise: EventLoopPromise<HTTPResponseData>
    // Touched on the channel's event loop only (its handler callbacks and the timer scheduled on it).
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()
    private var answered = false

    init(promise: EventLoopPromise<HTTPResponseData>) {
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            guard let head else {
                return fail(AvaraError(transportFailure: .connection, detail: "an answer without a head"))
            }
            var headers: [String: String] = [:]
            for (name, value) in head.headers {
                headers[name] = headers[name].map { "\($0), \(value)" } ?? value
            }
            answer(
                .success(
                    HTTPResponseData(
                        status: Int(head.status.code), headers: headers, body: Data(body.readableBytesView))))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(AvaraError(transportFailure: .connection, detail: "the connection closed before the answer ended"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(AvaraError(transportFailure: .connection, detail: "the connection failed", underlying: error))
        context.close(promise: nil)
    }

    func fail(_ error: AvaraError) {
        answer(.failure(error))
    }

    private func answer(_ result: Result<HTTPResponseData, any Error>) {
        guard !answered else { return }
        answered = true
        promise.completeWith(result)
    }
}
