import Foundation
import Logging
import ServiceLifecycle
import Store

/// Takes operators' read requests from the store and has each carried out by the poller
/// of its meter's bus; a re-read then recomputes the range's intervals and re-bills.
///
/// The store is the queue, so a request filed by the CLI or the API while the gateway is
/// down is served when it starts, and one interrupted by a crash is served again: every
/// step is idempotent (the memory is read again, only changed intervals get a revision,
/// only changed determinants a version).
final class ReadRequestDesk: Sendable {
    let store: MeterStore
    let clock: ServiceClock
    let pollers: [String: BusPoller]
    let busOfMeter: [Int64: String]
    let names: [Int64: String]
    let intervals: IntervalTask
    let rebilling: Rebilling?
    let logger: Logger
    /// How often the store is looked at for new requests (wall time: an operator waits).
    let checkEvery: Duration

    init(store: MeterStore, clock: ServiceClock, pollers: [BusPoller], meterIDs: [String: Int64], busOfMeter: [String: String],
         intervals: IntervalTask, rebilling: Rebilling?, logger: Logger, checkEvery: Duration = .milliseconds(500)) {
        self.store = store
        self.clock = clock
        self.pollers = Dictionary(uniqueKeysWithValues: pollers.map { ($0.bus.id, $0) })
        self.busOfMeter = meterIDs.reduce(into: [:]) { result, entry in result[entry.value] = busOfMeter[entry.key] }
        names = Dictionary(uniqueKeysWithValues: meterIDs.map { ($0.value, $0.key) })
        self.intervals = intervals
        self.rebilling = rebilling
        self.logger = logger
        self.checkEvery = checkEvery
    }

    func run() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let pause = checkEvery
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            } catch {
                return
            }
            await servePending()
        }
    }

    /// Serves every pending request: one bus's in turn, different buses in parallel.
    func servePending() async {
        let pending: [ReadRequestRow]
        do { pending = try store.pendingReadRequests() } catch {
            logger.error("read requests unreadable: \(error)")
            return
        }
        let byBus = Dictionary(grouping: pending) { busOfMeter[$0.meterID] ?? "" }
        await withTaskGroup(of: Void.self) { group in
            for (_, requests) in byBus {
                group.addTask { for request in requests { await self.serve(request) } }
            }
        }
    }

    private func serve(_ request: ReadRequestRow) async {
        let name = names[request.meterID] ?? "#\(request.meterID)"
        do {
            guard let bus = busOfMeter[request.meterID], let poller = pollers[bus] else {
                throw ReadRequestFailure("meter \(name) is not configured on this gateway")
            }
            let result: String
            switch request.kind {
            case .read: result = ReadRequestJSON.encode(try await poller.liveRead(meterID: request.meterID))
            case .reread: result = ReadRequestJSON.encode(try await reread(request, meter: name, poller: poller))
            case .setClock: result = ReadRequestJSON.encode(try await setClock(request, poller: poller))
            }
            try store.finishReadRequest(id: request.id, state: .done, result: result, at: clock.now())
            logger.notice("\(request.kind.rawValue) request \(request.id) for meter \(name) by \(request.requestedBy) done: \(result)")
        } catch {
            logger.warning("\(request.kind.rawValue) request \(request.id) for meter \(name) failed: \(error)")
            do { try store.finishReadRequest(id: request.id, state: .failed, result: "\(error)", at: clock.now()) } catch {
                logger.error("read request \(request.id) not finished in the store: \(error)")
            }
        }
    }

    /// The clock set, and an event saying by how much and who asked.
    private func setClock(_ request: ReadRequestRow, poller: BusPoller) async throws -> ClockSetResult {
        let result = try await poller.setClock(meterID: request.meterID)
        let detail = String(format: "clock set to gateway time on request %lld by %@: offset %+.1f s before, %+.1f s after (+/- %.1f s)",
                            request.id, request.requestedBy, result.offsetBefore, result.offsetAfter, result.uncertainty)
        try store.appendEvent(MeterEventRow(meterID: request.meterID, at: clock.now(), kind: .clockOffset, detail: detail))
        return result
    }

    /// Memory, intervals, billing: the disputed-bill flow.
    private func reread(_ request: ReadRequestRow, meter name: String, poller: BusPoller) async throws -> RereadResult {
        guard let range = request.range else { throw ReadRequestFailure("re-read request \(request.id) has no range") }
        let rows = try await poller.readBack(meterID: request.meterID, range: range)
        let at = clock.now()
        let recorded = try store.reviseRecordedIntervals(rows, meterID: request.meterID, at: at) { revision in
            "re-read on request \(request.id) by \(request.requestedBy): \(revision.read) intervals read back for "
                + "\(BusPoller.iso(range.lowerBound)) to \(BusPoller.iso(range.upperBound)), \(revision.changed) differed, \(revision.added) new"
        }
        let summary = try intervals.recompute(meterID: request.meterID, range: range)
        let versions = try await rebilling?(name, range) ?? []
        return RereadResult(from: range.lowerBound, to: range.upperBound, recorded: recorded, intervalRevisions: summary.revisions,
                            billingVersions: versions)
    }
}
