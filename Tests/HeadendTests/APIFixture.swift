import AsyncHTTPClient
import Foundation
import NIOHTTP1
import GatewayConfig
import Headend
import Logging
import ServiceLifecycle
import MeterKit
import NIOCore
import Store
import TestSupport

/// A real headend on 127.0.0.1 (a port the system picks) over a real store in a temporary
/// folder, populated through the store's own API: two meters with a day of intervals,
/// register reads, events, a billing cycle, a destination with a dead letter, and one token
/// per role plus a revoked one.
final class APIFixture: Sendable {
    let directory: URL
    let store: MeterStore
    let port: Int
    let scheme: String
    let tokens: [String: String]
    let client: HTTPClient
    private let group: ServiceGroup
    private let threads: ServerThreads
    private let task: Task<Void, any Error>

    static let day = Date(timeIntervalSince1970: 1_763_596_800)  // 2025-11-20T00:00:00Z
    static let meterName = "m-001"

    var baseURL: String { "\(scheme)://127.0.0.1:\(port)" }

    static func start(tls: APISettings.TLSFiles? = nil, commissioningRecords: String? = nil, logger given: Logger? = nil) async throws -> APIFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("headend-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try MeterStore(path: directory.appendingPathComponent("store.sqlite").path)
        let tokens = try populate(store)
        var settings = APISettings(host: "127.0.0.1", port: 0, tls: tls, commissioningRecords: commissioningRecords,
                                   openAPIDocument: Repository.root.appendingPathComponent("docs/openapi.yaml").path)
        settings.port = 0
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = given ?? Logger(label: "headend-test")
        if given == nil { logger.logLevel = .warning }
        let server = try HeadendServer(settings: settings, store: store, metrics: GatewayMetrics(), logger: logger,
                                       statusPage: StatusPageSite(gatewayID: "test-gateway", timeZone: .gmt), onListening: { port in continuation.yield(port) })
        let group = ServiceGroup(services: [server], logger: logger)
        let threads = ServerThreads()
        let task = Task(executorPreference: threads) { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw FixtureError("the server did not start") }
        var configuration = HTTPClient.Configuration()
        if tls != nil { configuration.tlsConfiguration = .makeClientConfiguration(); configuration.tlsConfiguration?.certificateVerification = .none }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        return APIFixture(directory: directory, store: store, port: port, scheme: tls == nil ? "http" : "https", tokens: tokens, client: client,
                          group: group, threads: threads, task: task)
    }

    private init(directory: URL, store: MeterStore, port: Int, scheme: String, tokens: [String: String], client: HTTPClient, group: ServiceGroup,
                 threads: ServerThreads, task: Task<Void, any Error>) {
        self.directory = directory
        self.store = store
        self.port = port
        self.scheme = scheme
        self.tokens = tokens
        self.client = client
        self.group = group
        self.threads = threads
        self.task = task
    }

    func stop() async {
        try? await client.shutdown()
        await group.triggerGracefulShutdown()
        _ = await task.result
        threads.stop()
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A response's status, headers and body text.
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
        var errorMessage: String { (json["error"] as? [String: Any])?["message"] as? String ?? "" }
        var errorParameter: String? { (json["error"] as? [String: Any])?["parameter"] as? String }
    }

    /// `method path` with the role's token (nil: no Authorization header).
    func request(_ method: HTTPMethod, _ path: String, role: String?, body: String? = nil, token: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let bearer = token ?? role.flatMap({ tokens[$0] }) { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }

    func get(_ path: String, role: String? = "reader") async throws -> Reply { try await request(.GET, path, role: role) }

    // MARK: - The store's contents

    private static func populate(_ store: MeterStore) throws -> [String: String] {
        let ids = try store.syncMeters([StoredMeter(name: meterName, bus: "tcp-a", unit: 1, profile: "sdm630"),
                                        StoredMeter(name: "m-002", bus: "tcp-a", unit: 2, profile: "sdm630")])
        let channels = try store.channelIDs(["energy.import.total", "voltage.l1"])
        let meter = ids[meterName]!, energy = channels["energy.import.total"]!, voltage = channels["voltage.l1"]!
        // A day of quarter hours: a ramp, with one linear estimate and one missing interval.
        var intervals: [IntervalRow] = []
        for i in 0..<96 {
            let start = day.addingTimeInterval(Double(i) * 900)
            let estimated = i == 40
            intervals.append(IntervalRow(meterID: meter, channelID: energy, start: start, lengthSeconds: 900,
                                         valueWh: i == 50 ? nil : 100 + Double(i), quality: estimated ? 9 : (i == 50 ? 10 : 0),
                                         source: estimated ? "estimate" : "registers", estimation: estimated ? "linear" : nil,
                                         flags: i == 50 ? 1 : 0, computedAt: day.addingTimeInterval(86_400)))
        }
        _ = try store.appendIntervalRevisions(intervals)
        for cycle in 0..<4 {
            let bucket = day.addingTimeInterval(Double(cycle) * 900)
            try store.commit(BusCycleRecord(
                bus: "tcp-a", bucket: bucket, startedAt: bucket, finishedAt: bucket.addingTimeInterval(1), requests: 2,
                reads: [RegisterReadRow(meterID: meter, channelID: energy, bucket: bucket, gatewayTime: bucket, value: 1000 + Double(cycle)),
                        RegisterReadRow(meterID: meter, channelID: voltage, bucket: bucket, gatewayTime: bucket, value: 230)],
                states: [MeterStateRow(meterID: meter, health: .online, lastReadAt: bucket, readsOK: Int64(cycle + 1) * 2, latencyTotalMs: 40, latencyCount: 2),
                         MeterStateRow(meterID: ids["m-002"]!, health: .offline, consecutiveFailures: cycle + 1, lastError: "timeout")],
                events: cycle == 2 ? [MeterEventRow(meterID: ids["m-002"]!, at: bucket, kind: .offline, detail: "timeout"),
                                      MeterEventRow(meterID: meter, at: bucket, kind: .clockOffset, detail: "meter clock 42 s behind")] : []))
        }
        try store.appendBillingCycle(BillingCycleRow(meterID: meter, cycleStart: day, cycleEnd: day.addingTimeInterval(86_400), version: 1,
                                                     tariff: "tod-a", document: #"{"energy_wh":{"peak":1200.5},"max_demand_w":800}"#,
                                                     computedAt: day.addingTimeInterval(90_000)))
        // A destination that refused the first ten revisions: one dead letter.
        _ = try store.openOutbox(destination: "billing-http", table: .interval)
        _ = try store.planBatch(destination: "billing-http", limit: 10)
        try store.deadLetterBatch(destination: "billing-http", rows: 10, reason: "422 meter unknown", payload: "{}", at: day.addingTimeInterval(90_000))
        var tokens: [String: String] = [:]
        for role in ["reader", "operator", "technician", "revoked"] {
            let token = APIToken.generate()
            try store.addToken(name: "test-\(role)", role: role == "revoked" ? "technician" : role, sha256: APIToken.hash(token), at: Date())
            tokens[role] = token
        }
        try store.revokeToken(name: "test-revoked", at: Date())
        return tokens
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
