import Foundation
import GatewayConfig
import Logging
import MeterAccess
import MeterKit
import Modbus
import ServiceLifecycle
import Store

/// The one poller of one bus: its meters in turn on every read boundary, then a bounded
/// amount of backfill from the meters' memory, then one store transaction for the cycle.
///
/// Buses run in parallel, each with its own poller and `ModbusClient` (one owner thread),
/// so a slow line never delays another. Within a bus a dead meter costs one timeout budget
/// per attempt and, once offline, is only retried on its back-off schedule.
actor BusPoller {
    let bus: BusConfiguration
    let client: ModbusClient
    private let store: MeterStore
    let clock: ServiceClock
    private let schedule: ReadSchedule
    private let settings: GatewayConfig.Schedule
    private let health: MeterHealthPolicy
    private let logger: Logger
    private(set) var meters: [MeterRuntime]
    private(set) var cyclesCompleted = 0
    private(set) var boundariesMissed = 0
    private var pendingCommit: Task<Bool, Never>?

    /// Meter clocks further off than this raise a clock-offset event (commissioning's default).
    static let clockTolerance: TimeInterval = 30

    init(bus: BusConfiguration, meters: [MeterRuntime], store: MeterStore, clock: ServiceClock,
         settings: GatewayConfig.Schedule, logger: Logger) {
        self.bus = bus
        self.meters = meters.sorted { $0.configuration.unit < $1.configuration.unit }
        self.store = store
        self.clock = clock
        self.settings = settings
        schedule = ReadSchedule(everySeconds: settings.readEverySeconds)
        health = MeterHealthPolicy(offlineAfter: bus.offlineAfter, cadenceSeconds: settings.readEverySeconds,
                                   maxBackoffSeconds: bus.maxBackoffSeconds)
        client = ModbusClient(endpoint: bus.endpoint, options: bus.options)
        var logger = logger
        logger[metadataKey: "bus"] = "\(bus.id)"
        self.logger = logger
    }

    /// Polls on every boundary until graceful shutdown; a cycle in progress always finishes
    /// and commits before the poller returns, and the connection is closed.
    func run() async {
        defer { client.shutdown() }
        var bucket = schedule.boundary(after: clock.now())
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let clock = self.clock, due = bucket
                try await cancelWhenGracefulShutdown { try await clock.sleep(until: due) }
            } catch {
                break  // shutting down while waiting: nothing in flight
            }
            await runCycle(at: bucket)
            let next = schedule.boundary(after: max(bucket, clock.now()))
            let skipped = Int(next.timeIntervalSince(bucket)) / settings.readEverySeconds - 1
            if skipped > 0 {
                boundariesMissed += skipped
                logger.warning("cycle at \(bucket) overran: \(skipped) boundaries skipped")
            }
            bucket = next
        }
        await flush()
    }

    func close() { client.shutdown() }

    /// One cycle at `bucket`: live reads, backfill, one transaction.
    func runCycle(at bucket: Date) async {
        let started = clock.now()
        var cycle = CycleBuilder(bus: bus.id, bucket: bucket)
        // A meter that must connect first is copied out and back (actor state cannot be passed
        // inout across a suspension); the others are not copied at all: a copy of every
        // meter's runtime each cycle was a tenth of the collector's CPU time.
        var ready: [Int] = []
        for index in meters.indices where health.isDue(nextAttemptAt: meters[index].state.nextAttemptAt, at: bucket) {
            if meters[index].reader != nil {
                ready.append(index)
                continue
            }
            var meter = meters[index]
            if await connectedReader(&meter, cycle: &cycle) != nil { ready.append(index) }
            meters[index] = meter
        }
        // All due meters in one job on the bus thread, in unit order.
        let polls = await MeterPoll.poll(ready.map { meters[$0].pollPlan! },
                                         client: client, gatewayClock: clock.source)
        for (index, poll) in zip(ready, polls) { record(poll, of: &meters[index], into: &cycle) }
        for index in meters.indices where meters[index].reader?.profile.loadProfile != nil && meters[index].state.health == .online {
            var meter = meters[index]
            await backfill(&meter, into: &cycle)
            meters[index] = meter
        }
        // The commit runs while the bus goes on: the previous cycle's is awaited first, so
        // cycles reach the store in order with at most one in flight, and a failed one is
        // known before this cycle decides which state rows the store already has.
        await flush()
        var states: [MeterStateRow] = [], statistics: [MeterStateRow] = []
        for index in meters.indices where meters[index].state != meters[index].stored {
            let state = meters[index].state
            if let stored = meters[index].stored, stored.resumable == state.resumable {
                statistics.append(state)
            } else {
                states.append(state)
            }
            meters[index].stored = state
        }
        let record = cycle.record(startedAt: started, finishedAt: clock.now(), states: states, statistics: statistics)
        let store = self.store, logger = self.logger, bucket = bucket
        pendingCommit = Task.detached {
            do {
                try await store.commit(record)
                logger.debug("cycle \(bucket): \(record.reads.count) reads, \(record.intervals.count) intervals, \(record.failures) failures")
                return true
            } catch {
                logger.error("cycle \(bucket) not stored: \(error)")
                return false
            }
        }
    }

    /// Waits until the last cycle handed to the store is committed.
    func flush() async {
        guard let commit = pendingCommit else { return }
        pendingCommit = nil
        if await commit.value {
            cyclesCompleted += 1
        } else {
            for index in meters.indices { meters[index].stored = nil }  // the next cycle writes every row whole
        }
    }

    // MARK: - Live reads

    private func record(_ poll: MeterPoll, of meter: inout MeterRuntime, into cycle: inout CycleBuilder) {
        cycle.count(poll)
        meter.metrics.record(poll)
        for (reading, channelID) in zip(poll.readings, meter.pollChannelIDs) {
            guard let channelID else { continue }
            cycle.reads.append(RegisterReadRow(meterID: meter.meterID, channelID: channelID, bucket: cycle.bucket,
                                               gatewayTime: poll.gatewayTime, meterTime: poll.meterTime,
                                               value: reading.value, status: ReadStatus(reading)))
        }
        meter.state.retries += Int64(poll.retries)
        if let failure = poll.failure {
            meter.state.readsFailed += Int64(poll.readings.count)
            recordFailure(&meter, failure.description, cycle: &cycle)
            return
        }
        meter.state.readsOK += Int64(poll.readings.count { $0.value != nil })
        meter.state.readsFailed += Int64(poll.readings.count { $0.error != nil })
        meter.state.latencyTotalMs += Double(poll.latency.components.attoseconds) / 1e15 + Double(poll.latency.components.seconds) * 1000
        meter.state.latencyCount += Int64(poll.requests)
        meter.state.lastReadAt = poll.gatewayTime
        recordSuccess(&meter, cycle: &cycle)
        MeterEvents.registerResets(&meter, poll, into: &cycle)
        MeterEvents.clockOffset(&meter, poll, tolerance: Self.clockTolerance, into: &cycle)
        MeterEvents.exceptions(&meter, poll, into: &cycle)
    }

    /// The meter's reader; a SunSpec profile is placed by walking the meter's chain on first
    /// contact, which counts as a failed attempt when the meter does not answer.
    private func connectedReader(_ meter: inout MeterRuntime, cycle: inout CycleBuilder) async -> MeterReader? {
        if let reader = meter.reader { return reader }
        do {
            let reader = try await MeterReader.connecting(client: client, unit: meter.configuration.unit, profile: meter.profile,
                                                          stopWhenSilent: true)
            meter.connect(reader)
            return reader
        } catch {
            cycle.failures += 1
            recordFailure(&meter, error.description, cycle: &cycle)
            return nil
        }
    }

    private func recordSuccess(_ meter: inout MeterRuntime, cycle: inout CycleBuilder) {
        if meter.state.health == .offline {
            cycle.events.append(MeterEventRow(meterID: meter.meterID, at: cycle.bucket, kind: .online,
                                              detail: "answering again after \(meter.state.consecutiveFailures) failed cycles"))
            logger.notice("meter \(meter.configuration.id) online")
        }
        meter.state.health = .online
        meter.state.consecutiveFailures = 0
        meter.state.nextAttemptAt = nil
        meter.state.lastError = nil
    }

    private func recordFailure(_ meter: inout MeterRuntime, _ detail: String, cycle: inout CycleBuilder) {
        meter.state.consecutiveFailures += 1
        meter.state.lastError = detail
        meter.state.nextAttemptAt = health.nextAttempt(afterFailures: meter.state.consecutiveFailures, at: cycle.bucket)
        if meter.state.nextAttemptAt != nil, meter.state.health != .offline {
            meter.state.health = .offline
            cycle.events.append(MeterEventRow(meterID: meter.meterID, at: cycle.bucket, kind: .offline, detail: detail))
            logger.notice("meter \(meter.configuration.id) offline: \(detail)")
        }
    }

    // MARK: - Backfill

    /// Reads the meter's recorded intervals from its resume point, at most
    /// `backfillPerCycle` of them, never past the last interval complete at `bucket`.
    private func backfill(_ meter: inout MeterRuntime, into cycle: inout CycleBuilder) async {
        guard let reader = meter.reader, let window = reader.profile.loadProfile else { return }
        let length = TimeInterval(window.intervalSeconds)
        let intervals = ReadSchedule(everySeconds: window.intervalSeconds)
        let complete = intervals.boundary(atOrBefore: cycle.bucket)
        let from = meter.state.backfillResume
            ?? intervals.boundary(atOrBefore: cycle.bucket.addingTimeInterval(-TimeInterval(settings.backfillLookbackSeconds)))
        let to = min(complete, from.addingTimeInterval(length * Double(settings.backfillPerCycle)))
        guard from < to else { return }
        do {
            let (records, coveredUntil) = try await reader.readBack(from..<to)
            let readAt = clock.now()
            for record in records {
                cycle.intervals.append(RecordedIntervalRow(
                    meterID: meter.meterID, start: Date(timeIntervalSince1970: TimeInterval(record.intervalStart)),
                    lengthSeconds: window.intervalSeconds, importWh: Int64(record.importWh), exportWh: Int64(record.exportWh),
                    statusBits: Int(record.status.rawValue), readAt: readAt))
            }
            meter.state.backfillResume = coveredUntil
            if coveredUntil.timeIntervalSince(from) > length {
                cycle.events.append(MeterEventRow(meterID: meter.meterID, at: cycle.bucket, kind: .backfill,
                                                  detail: "\(records.count) intervals read back from meter memory for \(Self.iso(from)) to \(Self.iso(coveredUntil))"))
            }
        } catch {
            logger.info("meter \(meter.configuration.id) backfill from \(Self.iso(from)) failed: \(error)")
        }
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }  // no ICU, unlike ISO8601DateFormatter
}
