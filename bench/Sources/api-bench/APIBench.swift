import AsyncHTTPClient
import Foundation
import GatewayConfig
import Headend
import Logging
import NIOCore
import ServiceLifecycle
import Store

/// `make bench-api` (bench/api.sh): requests a second for a one-day interval query of one
/// meter through the HTTP API (`HeadendServer` on loopback, bearer token, JSON), against
/// the plain SQLite query of the same rows in the same process, taking turns.
///
/// api-bench --store PATH [--meters 1000] [--days 60] [--seconds 5] [--runs 3] [--connections 4]
@main
struct APIBench {
    static func main() async {
        do {
            try await run()
        } catch {
            FileHandle.standardError.write(Data("api-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func option(_ name: String, _ fallback: String) -> String {
        let arguments = CommandLine.arguments
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
        return arguments[index + 1]
    }

    static func run() async throws {
        let path = option("--store", "bench/out/api-store.sqlite")
        let meters = Int(option("--meters", "1000"))!, days = Int(option("--days", "60"))!
        let seconds = Double(option("--seconds", "5"))!, runs = Int(option("--runs", "3"))!, connections = Int(option("--connections", "4"))!
        let prepared = ContinuousClock.now
        let channel = try APIBenchData.prepare(path: path, meters: meters, days: days)
        print("store: \(meters) meters x \(days) days x 96 intervals (ready in \(ContinuousClock.now - prepared))")

        let store = try MeterStore(path: path)
        let token = APIToken.generate()
        try store.addToken(name: "api-bench-\(UUID().uuidString.prefix(8))", role: "reader", sha256: APIToken.hash(token), at: Date())
        var logger = Logger(label: "api-bench")
        logger.logLevel = .error
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = try HeadendServer(settings: APISettings(host: "127.0.0.1", port: 0), store: store, metrics: GatewayMetrics(), logger: logger,
                                       onListening: { continuation.yield($0) })
        let group = ServiceGroup(services: [server], logger: logger)
        let serverTask = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw BenchError("the server did not start") }

        // A meter in the middle of the fleet, a day in the middle of the range.
        let meterIndex = meters / 2, dayIndex = days / 2
        let dayStart = APIBenchData.firstDay + Int64(dayIndex) * APIBenchData.dayMs
        let meterID = try store.meterID(name: APIBenchData.meterName(meterIndex))!
        let from = Date(timeIntervalSince1970: Double(dayStart) / 1000).formatted(.iso8601)
        let url = "http://127.0.0.1:\(port)/api/v1/meters/\(APIBenchData.meterName(meterIndex))/intervals?from=\(from)"
        let plain = PlainQuery(path: path, meter: meterID, channel: channel, day: dayStart)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let load = HTTPLoad(client: client, url: url, token: token)
        let intervals = try await load.intervalsInOneResponse()
        guard intervals == 96 else { throw BenchError("the API returned \(intervals) intervals for a day, not 96") }

        var apiRates: [Double] = [], plainRates: [Double] = []
        for run in 1...runs {
            let baseline = try plain.run(seconds: seconds)
            guard baseline.rows == 96 else { throw BenchError("the plain query returned \(baseline.rows) rows, not 96") }
            let api = try await load.run(seconds: seconds, connections: connections)
            plainRates.append(baseline.rate)
            apiRates.append(api)
            print(String(format: "run %d: plain %.0f queries/s, api %.0f requests/s (%d connections)", run, baseline.rate, api, connections))
        }
        let api = median(apiRates), sql = median(plainRates)
        print(String(format: "api rps=%.0f plain_qps=%.0f ratio=%.3f rows=96 meters=%d days=%d connections=%d", api, sql, api / sql, meters, days, connections))
        try await client.shutdown()
        await group.triggerGracefulShutdown()
        _ = await serverTask.result
        try store.close()
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
