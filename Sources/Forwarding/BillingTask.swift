import Billing
import Collector
import Foundation
import GatewayConfig
import Intervals
import Logging
import MeterKit
import ServiceLifecycle
import Store

/// Computes billing determinants for every meter with a tariff, and stores a new version
/// whenever a cycle's determinants change.
///
/// A cycle is first computed `close_after` its end. Until the interval engine's recompute
/// horizon has passed after that, late data can still revise its intervals, so it is
/// recomputed every run, and a changed result becomes a superseding version; a re-read
/// asks for the cycles it touched explicitly (`recompute(meter:range:)`). Unchanged results
/// store nothing, so a billing system sees a new version only when something changed.
public struct BillingTask: Sendable {
    let store: MeterStore
    let clock: ServiceClock
    let configuration: GatewayConfiguration
    let days: LocalDays
    let intervalSeconds: Int
    /// How long after a cycle closed late data can still change it.
    let horizonSeconds: Int
    /// How far back a cycle with no version yet is still computed (the store's retention).
    let lookbackSeconds: Int
    let logger: Logger

    /// A meter that is billed: its store ids, tariff, and how its register reads become Wh.
    public struct BilledMeter: Sendable {
        public var name: String
        public var meterID: Int64
        public var channelID: Int64
        public var tariff: Tariff
        /// Wh per stored register unit, CT/PT multiplier included.
        public var whPerUnit: Double
    }

    public init(configuration: GatewayConfiguration, store: MeterStore, clock: ServiceClock, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        days = configuration.vee.localDays
        intervalSeconds = configuration.schedule.intervalSeconds
        horizonSeconds = configuration.vee.recomputeSeconds + 3600
        lookbackSeconds = configuration.store.retentionDays * 86_400
        self.logger = logger
    }

    /// The configured meters with a tariff and the billed channel, with their store ids (read
    /// each run: the collector registers meters as it starts, concurrently with this task).
    func billedMeters() throws(StoreError) -> [BilledMeter] {
        let channel = configuration.billing.channel
        let billed = configuration.meters.filter { $0.metadata.tariff != nil && $0.channels.contains(channel) }
        guard !billed.isEmpty else { return [] }
        let meterIDs = try store.meters().reduce(into: [String: Int64]()) { $0[$1.value.name] = $1.key }
        guard let channelID = try store.channels().first(where: { $0.value == channel.rawValue })?.key else { return [] }
        return billed.compactMap { meter in
            guard let id = meter.metadata.tariff, let tariff = configuration.tariffs[id], let meterID = meterIDs[meter.id],
                  let point = configuration.profiles[meter.profileID]?.point(channel) else { return nil }
            return BilledMeter(name: meter.id, meterID: meterID, channelID: channelID, tariff: tariff,
                               whPerUnit: point.unit.factor(to: .wattHour) * meter.multiplier)
        }
    }

    /// Runs hourly (gateway time) until graceful shutdown.
    public func run() async {
        guard configuration.meters.contains(where: { $0.metadata.tariff != nil }) else { return }
        let hourly = ReadSchedule(everySeconds: 3600)
        var catchUp = true
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let summary = try computeDue(at: clock.now(), catchUp: catchUp)
                catchUp = false
                if summary.versions > 0 { logger.info("billing: \(summary)") }
            } catch {
                logger.error("billing: \(error)")
            }
            let due = hourly.boundary(after: clock.now())
            do {
                let clock = self.clock
                try await cancelWhenGracefulShutdown { try await clock.sleep(until: due) }
            } catch {
                return
            }
        }
    }

    /// What one run did.
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public var cycles = 0
        public var versions = 0
        public var description: String { "\(cycles) cycles computed, \(versions) new versions" }
    }

    /// Computes every cycle that is closed at `now` and still open to late data.
    ///
    /// - Parameter catchUp: also every closed cycle of the retention period that has no
    ///   version yet: they closed while the gateway was down. Only the first run after start
    ///   needs this; later, a cycle past the horizon changes only by a re-read, which calls
    ///   `recompute`, so its intervals are not read again every hour.
    @discardableResult
    public func computeDue(at now: Date, catchUp: Bool = false) throws -> Summary {
        let closedBy = now.addingTimeInterval(-Double(configuration.billing.closeAfterSeconds))
        let open = closedBy.addingTimeInterval(-Double(horizonSeconds))
        let earliest = catchUp ? closedBy.addingTimeInterval(-Double(lookbackSeconds)) : open
        guard earliest < closedBy else { return Summary() }
        let cycles = try BillingCycle.cycles(overlapping: earliest..<closedBy, cycleDay: configuration.billing.cycleDay, days: days)
            .filter { $0.end <= closedBy && ($0.end > open || $0.start >= earliest) }
        guard !cycles.isEmpty else { return Summary() }
        var summary = Summary()
        for meter in try billedMeters() {
            let stored = catchUp ? Set(try store.billingCycles(meterID: meter.meterID).map(\.cycleStart)) : []
            for cycle in cycles where cycle.end > open || !stored.contains(cycle.start) {
                switch try compute(meter, cycle, at: now) {
                case .noData: break
                case .unchanged: summary.cycles += 1
                case .newVersion: summary.cycles += 1; summary.versions += 1
                }
            }
        }
        return summary
    }

    /// Recomputes the cycles of one meter that overlap `range` (after a re-read).
    @discardableResult
    public func recompute(meter name: String, range: Range<Date>, at now: Date) throws -> [BillingCycleRow] {
        guard let meter = try billedMeters().first(where: { $0.name == name }) else { return [] }
        let closedBy = now.addingTimeInterval(-Double(configuration.billing.closeAfterSeconds))
        return try BillingCycle.cycles(overlapping: range, cycleDay: configuration.billing.cycleDay, days: days)
            .filter { $0.end <= closedBy }
            .compactMap { cycle in
                if case .newVersion(let row) = try compute(meter, cycle, at: now) { return row }
                return nil
            }
    }

    enum Outcome {
        /// No interval of the cycle has a value: nothing to bill (the meter was not read yet).
        case noData
        case unchanged
        case newVersion(BillingCycleRow)
    }

    /// Computes one cycle; stores a new version when it differs from the latest.
    func compute(_ meter: BilledMeter, _ cycle: BillingCycle, at now: Date) throws -> Outcome {
        let starts = IntervalGrid(lengthSeconds: intervalSeconds).starts(in: cycle.range)
        let intervals = try store.intervals(meterID: meter.meterID, channelID: meter.channelID, starts: starts).map(EnergyInterval.init)
        guard intervals.contains(where: { $0.energyWh != nil }) else { return .noData }
        var determinants = try DeterminantCalculator.determinants(
            meterID: meter.name, tariff: meter.tariff, cycle: cycle, days: days, intervalLengthSeconds: intervalSeconds, intervals: intervals,
            startRead: try read(meter, at: cycle.start), endRead: try read(meter, at: cycle.end))
        let latest = try store.latestBillingCycle(meterID: meter.meterID, cycleStart: cycle.start)
        if let latest, var previous = try? Self.decoder.decode(BillingDeterminants.self, from: Data(latest.document.utf8)) {
            previous.version = determinants.version
            if previous == determinants { return .unchanged }
        }
        determinants.version = (latest?.version ?? 0) + 1
        let document = try determinants.jsonDocument()
        return .newVersion(try store.appendBillingCycle(BillingCycleRow(
            meterID: meter.meterID, cycleStart: cycle.start, cycleEnd: cycle.end, version: determinants.version, tariff: meter.tariff.id,
            document: document, computedAt: now)))
    }

    /// The register read taken on the cycle boundary's read, if it succeeded.
    private func read(_ meter: BilledMeter, at boundary: Date) throws -> RegisterReading? {
        guard let row = try store.registerReads(meterID: meter.meterID, channelID: meter.channelID, buckets: [boundary]).first,
              row.status == .ok, let value = row.value else { return nil }
        return RegisterReading(valueWh: value * meter.whPerUnit, readAt: row.gatewayTime)
    }

    static let decoder = JSONDecoder()
}
