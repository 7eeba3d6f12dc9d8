import Collector
import Forwarding
import Foundation
import Logging
import Store
import Warehouse

/// The gateway's own path, end to end: an `Outbox` on the store's interval table delivering
/// to a `WarehouseDestination`, run as the forwarding service runs it, from a new cursor
/// (position 0) until its cursor has passed the last row. The time includes `prepare`
/// (schema migration, meter upsert) and every batch's read, mapping, COPY, upsert and cursor
/// move. The cursor is watched, not `backlog(of:)`: that counts the rows left, a scan of
/// millions of rows that would compete with the drain for the CPU.
enum Drain {
    static func run(path: String, url: String, batchSize: Int, destinationID: String) async throws {
        let store = try MeterStore(path: path)
        defer { try? store.close() }
        let meters = try store.meters().values.map { WarehouseMeter(meterID: $0.name, gatewayID: "bench", profile: $0.profile) }
        var logger = Logger(label: "drain-bench")
        logger.logLevel = .warning
        let destination = WarehouseDestination(id: destinationID, endpoint: try WarehouseEndpoint(url: url), gatewayID: "bench",
                                               meters: meters, logger: logger)
        let outbox = Outbox(destination: destination, table: .interval, store: store, clock: ServiceClock(), gatewayID: "bench",
                            batchSize: batchSize, backoff: Backoff(minimumSeconds: 1, maximumSeconds: 5), idleSeconds: 1, logger: logger)
        // A fresh store: seq runs 1...count without gaps, so the last row's seq is the count.
        let total = try store.intervalRevisionCount()
        let clock = ContinuousClock()
        let started = clock.now
        let task = Task { await outbox.run() }
        var lastReport = started
        while true {
            try await Task.sleep(for: .milliseconds(200))
            guard let state = try store.outboxStates().first(where: { $0.destination == destinationID }) else { continue }
            if state.position >= Int64(total) { break }
            if clock.now - lastReport > .seconds(30) {
                lastReport = clock.now
                let left = Int64(total) - state.position, elapsed = seconds(clock.now - started)
                FileHandle.standardError.write(Data(String(format: "  drain: %lld of %d rows left after %.0f s\n", left, total, elapsed).utf8))
            }
            if let error = state.lastError, state.consecutiveFailures >= 3 {
                FileHandle.standardError.write(Data("drain-bench: delivery keeps failing: \(error)\n".utf8))
                exit(1)
            }
        }
        let elapsed = seconds(clock.now - started)
        task.cancel()
        await task.value
        let delivered = try store.outboxStates().first { $0.destination == destinationID }?.deliveredRows ?? 0
        print(String(format: "rows=%d delivered=%d batch=%d seconds=%.2f rate=%.0f", total, delivered, batchSize, elapsed, Double(total) / elapsed))
    }
}
