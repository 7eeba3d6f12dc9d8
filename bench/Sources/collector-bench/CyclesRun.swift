import Collector
import Foundation
import GatewayConfig
import Logging
import Store

/// Polls every configured meter through `CollectorService.runCyclesBackToBack`: live reads,
/// decoding and one store commit per bus cycle, as the service does on a boundary, but
/// without waiting for boundaries. The store is new; one untimed cycle first registers the
/// meters and channels, so the timed cycles are the steady state. The request count comes
/// from the store's own bus statistics.
struct CyclesRun {
    let configuration: GatewayConfiguration

    /// 2025-01-01T00:00:00Z, a boundary of every schedule.
    static let firstBucket = Date(timeIntervalSince1970: 1_735_689_600)

    struct Result {
        var polls = 0
        var requests: Int64 = 0
        var failures: Int64 = 0
        var rows = 0
        var seconds = 0.0
        var cycles = 0
        /// Milliseconds of live reads and decoding in all timed cycles (the store's cycle rows);
        /// with more than one bus these overlap, and the split below means nothing.
        var pollMs = 0.0
        /// CPU time of the whole process (every thread) during the timed cycles.
        var cpuSeconds = 0.0

        var line: String {
            let cycleMs = seconds * 1000 / Double(cycles), readMs = pollMs / Double(cycles)
            return String(format: "polls=%d requests=%lld failures=%lld rows=%d seconds=%.3f rate=%.2f cpu_us_per_poll=%.2f ms_per_cycle=%.3f read_ms_per_cycle=%.3f store_ms_per_cycle=%.3f",
                          polls, requests, failures, rows, seconds, Double(polls) / seconds, cpuSeconds * 1e6 / Double(polls),
                          cycleMs, readMs, cycleMs - readMs)
        }
    }

    struct NotFresh: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) exists; the benchmark writes into a new store" }
    }

    struct Incomplete: Error, CustomStringConvertible {
        var committed: Int
        var expected: Int
        var description: String { "\(committed) bus cycles committed, \(expected) expected" }
    }

    func run(cycles: Int) async throws -> Result {
        let path = configuration.store.path
        guard !FileManager.default.fileExists(atPath: path) else { throw NotFresh(path: path) }
        let store = try MeterStore(path: path)
        var logger = Logger(label: "collector-bench")
        logger.logLevel = .warning
        let service = CollectorService(configuration: configuration, store: store, clock: ServiceClock(), logger: logger)
        let step = TimeInterval(configuration.schedule.readEverySeconds)
        _ = try await service.runCyclesBackToBack(1, from: Self.firstBucket)
        let before = try totals(store), rowsBefore = try store.registerReadCount()

        let clock = ContinuousClock()
        let cpuBefore = Self.cpuSeconds(), start = clock.now
        let polls = try await service.runCyclesBackToBack(cycles, from: Self.firstBucket.addingTimeInterval(step))
        let elapsed = clock.now - start, cpu = Self.cpuSeconds() - cpuBefore

        let after = try totals(store)
        var result = Result(polls: polls, requests: after.requests - before.requests, failures: after.failures - before.failures,
                            rows: try store.registerReadCount() - rowsBefore, seconds: elapsed / .seconds(1), cycles: cycles)
        try store.close()
        let split = try CycleSplit(path: path, after: Int64(Self.firstBucket.timeIntervalSince1970 * 1000))
        let expected = cycles * configuration.buses.count
        guard split.cycles == expected else { throw Incomplete(committed: split.cycles, expected: expected) }
        result.pollMs = split.pollMs
        result.cpuSeconds = cpu
        return result
    }

    /// User plus system time of this process so far, all threads.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)  // glibc imports the constant as an enum
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private func totals(_ store: MeterStore) throws -> (requests: Int64, failures: Int64) {
        let buses = try store.status().buses
        return (buses.reduce(0) { $0 + $1.requests }, buses.reduce(0) { $0 + $1.failures })
    }
}
