import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A page served over real HTTP on a free loopback port, for tests that point a real browser
/// at it. `GET /` answers with what `page` returns for the request's raw URL query.
///
/// Kept to a few lines on purpose: once the gateway's own API server serves the status page,
/// a test can start that instead and keep everything else.
public final class PageServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, Never>

    /// `http://127.0.0.1:<port>/`
    public var url: String { "http://127.0.0.1:\(port)/" }

    private init(port: Int, group: ServiceGroup, task: Task<Void, Never>) {
        self.port = port
        self.group = group
        self.task = task
    }

    /// Starts the server and returns once it listens.
    ///
    /// - Parameter page: the HTML for a request's raw query (nil without one); a thrown error
    ///   answers 500.
    /// - Throws: `PageServerError` when the server does not start.
    public static func start(_ page: @escaping @Sendable (_ query: String?) async throws -> String) async throws -> PageServer {
        let router = Router()
        router.get("/") { request, _ -> Response in
            let html = try await page(request.uri.query)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        }
        var logger = Logger(label: "page-server")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        // A group of our own, without signal handlers, so `stop` can shut the server down gracefully.
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            do { try await group.run() } catch {}
            continuation.finish()
        }
        for await port in ports where port > 0 { return PageServer(port: port, group: group, task: task) }
        await group.triggerGracefulShutdown()
        throw PageServerError()
    }

    /// Stops serving and waits until the server has shut down.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }
}

public struct PageServerError: Error, CustomStringConvertible {
    public var description: String { "the page server did not start listening" }
}
