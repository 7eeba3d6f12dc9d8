import Collector
import Foundation
import Logging
import MeterKit
import Store
import TestSupport
@testable import Forwarding

/// A store with three meters and billing versions to forward, a hand-driven clock, and a
/// real billing receiver when a test needs one.
final class ForwardingFixture: @unchecked Sendable {
    // @unchecked: immutable after init but for the clock, which locks itself.
    let directory: URL
    let store: MeterStore
    let meterIDs: [Int64]
    let clock = ManualClock(Date(timeIntervalSince1970: 1_772_323_200))  // 2026-03-01T00:00Z

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-fwd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try MeterStore(path: directory.appendingPathComponent("store.sqlite").path)
        let meters = (1...3).map { StoredMeter(name: "m\($0)", bus: "bus-a", unit: $0, profile: "sdm630") }
        let ids = try store.syncMeters(meters)
        meterIDs = meters.map { ids[$0.name]! }
    }

    func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stores version `version` of every meter's February 2026 cycle; the document's only
    /// field is the meter's energy, so versions differ.
    @discardableResult
    func addCycles(version: Int, meters: [Int64]? = nil) throws -> [BillingCycleRow] {
        let start = Date(timeIntervalSince1970: 1_769_904_000)  // 2026-02-01T00:00Z
        let end = Date(timeIntervalSince1970: 1_772_323_200)
        return try (meters ?? meterIDs).map { meter in
            try store.appendBillingCycle(BillingCycleRow(meterID: meter, cycleStart: start, cycleEnd: end, version: version, tariff: "hv-tou",
                                                         document: "{\"total_wh\":\(1000 * Int(meter) + version)}", computedAt: clock.now()))
        }
    }

    func outbox(_ destination: any Destination, batchSize: Int = 100) -> Outbox {
        Outbox(destination: destination, table: .billingCycle, store: store, clock: ServiceClock(wall: clock), gatewayID: "gw-test",
               batchSize: batchSize, backoff: Backoff(minimumSeconds: 10, maximumSeconds: 600), idleSeconds: 60,
               logger: Logger(label: "test"))
    }

    /// Rounds until the outbox has nothing to send or must wait; returns every round's result.
    func drain(_ outbox: Outbox, limit: Int = 100) async throws -> [Outbox.Round] {
        _ = try store.openOutbox(destination: outbox.destination.id, table: outbox.table)
        var rounds: [Outbox.Round] = []
        var size = outbox.batchSize
        var names = NameCache()
        for _ in 0..<limit {
            let round = await outbox.round(limit: &size, names: &names)
            rounds.append(round)
            switch round {
            case .idle, .waiting, .failed: return rounds
            default: continue
            }
        }
        return rounds
    }
}

/// A clock tests move by hand.
final class ManualClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    func now() -> Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

