import Foundation
import MeterKit

/// The meter's own load-profile memory: a ring of fixed-length intervals by METER clock.
///
/// A real meter closes an interval when its own clock passes a boundary, so a drifting or
/// reset clock shifts what it records; the gateway has to cope with exactly that. Nothing is
/// stored: a record is computed on demand from the energy model and the clock's history,
/// which gives the same answer a ring buffer filled in real time would, without depending
/// on whether anyone was polling.
///
/// The record for meter interval [m, m + L) holds round(E(t1)) - round(E(t0)) Wh where t0
/// and t1 are the first simulated instants at which the clock read m and m + L. Rounding
/// the cumulative values before subtracting makes consecutive records add up exactly to
/// the register delta in Wh, as a meter that accumulates whole Wh does. E is the energy the
/// meter measures: the true energy times its gain (see `PhaseMeasurement`), so a meter
/// with a missing phase records the same shortfall its registers show.
public struct RecordedProfile: Sendable {
    public let energy: EnergyModel
    public let clock: MeterClock
    public let capacity: Int
    public let intervalSeconds: Int
    /// Factors from the true import to what the meter records as import and as export
    /// (`PhaseMeasurement.importGain` / `exportGain`): the memory records what the meter
    /// measures, like its registers. 1 and 0 for a correctly installed meter.
    public let importGain: Double
    public let exportGain: Double

    /// 6144 fifteen-minute records are 64 days, a common meter memory size.
    public static let defaultCapacity = 6_144

    public init(energy: EnergyModel, clock: MeterClock, capacity: Int = defaultCapacity, intervalSeconds: Int = 900,
                importGain: Double = 1, exportGain: Double = 0) {
        precondition(capacity > 0 && intervalSeconds > 0, "a load profile needs room and a length")
        self.energy = energy
        self.clock = clock
        self.capacity = capacity
        self.intervalSeconds = intervalSeconds
        self.importGain = importGain
        self.exportGain = exportGain
    }

    /// The ring slot of the interval starting at meter time `intervalStart` (Unix seconds);
    /// the same rule as `LoadProfileWindow.slot(forIntervalStart:)`.
    public func slot(forIntervalStart intervalStart: Int64) -> Int {
        Int(floorDiv(intervalStart, Int64(intervalSeconds)) % Int64(capacity))
    }

    /// What the ring slot holds at simulated instant `now`: the most recent completed
    /// interval that maps to it, or nil if no such interval has been recorded.
    ///
    /// An interval the clock jumped over (set forward) was never lived, so the slot still
    /// holds the record of an earlier lap, as a real ring buffer would.
    public func record(slot: Int, at now: Date) -> LoadProfileRecord? {
        guard (0..<capacity).contains(slot) else { return nil }
        let history = clock.snapshot()
        let length = Int64(intervalSeconds)
        guard let newest = newestStart(history, now), let first = firstStart(history) else { return nil }
        let newestIndex = floorDiv(newest, length)
        let back = positiveMod(newestIndex - Int64(slot), Int64(capacity))
        var start = (newestIndex - back) * length
        while start >= first {
            if let record = compute(start, history) { return record }
            start -= Int64(capacity) * length
        }
        return nil
    }

    /// The record of the interval starting at meter time `intervalStart`, if the meter has
    /// completed it by `now`, lived through it and still holds it.
    public func record(intervalStart: Int64, at now: Date) -> LoadProfileRecord? {
        let history = clock.snapshot()
        let length = Int64(intervalSeconds)
        guard intervalStart % length == 0,
              let newest = newestStart(history, now), let first = firstStart(history),
              intervalStart <= newest, intervalStart >= first,
              intervalStart > newest - Int64(capacity) * length
        else { return nil }
        return compute(intervalStart, history)
    }

    /// The window header at `now`: newest completed interval and how many records are valid.
    public func header(at now: Date) -> LoadProfileHeader {
        let history = clock.snapshot()
        guard let newest = newestStart(history, now), let first = firstStart(history), newest >= first else {
            return LoadProfileHeader(intervalSeconds: intervalSeconds, capacity: capacity, newestIntervalStart: 0, validRecords: 0)
        }
        let count = (newest - first) / Int64(intervalSeconds) + 1
        return LoadProfileHeader(intervalSeconds: intervalSeconds, capacity: capacity,
                                 newestIntervalStart: newest, validRecords: Int(min(count, Int64(capacity))))
    }

    // MARK: - Computation

    /// Start (meter time) of the newest interval whose end the clock has passed by `now`.
    ///
    /// Measured against the highest reading so far, not the present one: after the clock
    /// is set back, the intervals lived before the setting stay in memory, as in a real
    /// ring buffer, until the clock passes them again.
    private func newestStart(_ history: ClockHistory, _ now: Date) -> Int64? {
        let highest = history.highestReading(until: now).timeIntervalSince1970.rounded(.down)
        guard highest.isFinite, abs(highest) < 1e15 else { return nil }
        let length = Int64(intervalSeconds)
        let newest = floorDiv(Int64(highest), length) * length - length
        // The supremum just before a backward setting is never actually shown; an interval
        // ending exactly there is not complete yet.
        let end = history.simTime(atMeterTime: Date(timeIntervalSince1970: Double(newest + length)))
        return end <= now ? newest : newest - length
    }

    /// Start of the first interval the meter began after the energy model's epoch (the
    /// meter's memory starts empty then).
    private func firstStart(_ history: ClockHistory) -> Int64? {
        let atEpoch = history.meterTime(at: EnergyModel.epoch).timeIntervalSince1970.rounded(.up)
        guard atEpoch.isFinite, abs(atEpoch) < 1e15 else { return nil }
        let length = Int64(intervalSeconds)
        return -floorDiv(-Int64(atEpoch), length) * length  // ceiling to a boundary
    }

    /// The record of meter interval [start, start + L), or nil if the clock skipped it or
    /// it began before the meter's memory did.
    private func compute(_ start: Int64, _ history: ClockHistory) -> LoadProfileRecord? {
        let t0 = history.simTime(atMeterTime: Date(timeIntervalSince1970: Double(start)))
        let t1 = history.simTime(atMeterTime: Date(timeIntervalSince1970: Double(start + Int64(intervalSeconds))))
        guard t1 > t0, t0 >= EnergyModel.epoch else { return nil }
        // Measured cumulative flows, rounded before subtracting so records still add up
        // exactly to the registers' growth in whole Wh.
        func measured(_ t: Date) -> (import: Double, export: Double) {
            let consumed = energy.energyWh(at: t), fed = energy.exportWh(at: t)
            return (importGain * consumed + exportGain * fed, exportGain * consumed + importGain * fed)
        }
        let (a, b) = (measured(t0), measured(t1))
        let imported = wholeWh(b.import) - wholeWh(a.import)
        let exported = wholeWh(b.export) - wholeWh(a.export)
        var status: IntervalStatus = []
        if energy.outages.contains(where: { $0.lowerBound < t1 && $0.upperBound > t0 }) { status.insert(.powerDown) }
        if !history.settings(in: t0...t1).isEmpty { status.insert(.clockAdjusted) }
        if energy.registerResets.contains(where: { $0 >= t0 && $0 < t1 }) { status.insert(.hardwareReset) }
        return LoadProfileRecord(intervalStart: start, importWh: UInt32(clamping: imported),
                                 exportWh: UInt32(clamping: exported), status: status)
    }

    private func wholeWh(_ wh: Double) -> Int64 {
        Int64(wh.rounded(.toNearestOrAwayFromZero))
    }
}

/// Floor division for Int64 (Swift's `/` truncates toward zero).
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func positiveMod(_ a: Int64, _ b: Int64) -> Int64 {
    let r = a % b
    return r < 0 ? r + b : r
}
