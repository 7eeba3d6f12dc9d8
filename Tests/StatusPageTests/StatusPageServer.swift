import Foundation
import GatewayConfig
import Headend
import Logging
import ServiceLifecycle
import Store

/// The gateway's own HTTP server (`HeadendServer`) serving the status page of a store on
/// 127.0.0.1, with a reader token; the URL carries the token as Basic credentials, which
/// is how a browser answers the page's challenge.
final class StatusPageServer: Sendable {
    let port: Int
    let token: String
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// `http://reader:<token>@127.0.0.1:<port>/`
    var url: String { "http://reader:\(token)@127.0.0.1:\(port)/" }

    static func start(store: MeterStore, gatewayID: String, timeZone: TimeZone, now: Date) async throws -> StatusPageServer {
        let token = APIToken.generate()
        try store.addToken(name: "browser-\(UUID().uuidString.prefix(6))", role: "reader", sha256: APIToken.hash(token), at: now)
        var logger = Logger(label: "status-page-test")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = try HeadendServer(settings: APISettings(host: "127.0.0.1", port: 0), store: store, metrics: GatewayMetrics(), logger: logger,
                                       requests: ReadRequestPolicy(now: { now }), statusPage: StatusPageSite(gatewayID: gatewayID, timeZone: timeZone),
                                       onListening: { continuation.yield($0) })
        let group = ServiceGroup(services: [server], logger: logger)
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw StatusPageServerError() }
        return StatusPageServer(port: port, token: token, group: group, task: task)
    }

    private init(port: Int, token: String, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.token = token
        self.group = group
        self.task = task
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

struct StatusPageServerError: Error, CustomStringConvertible {
    var description: String { "the gateway's HTTP server did not start listening" }
}
