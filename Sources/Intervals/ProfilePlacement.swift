import Foundation
import MeterKit

/// Places the meter's own recorded load profile on the gateway's UTC grid.
///
/// The meter stamps its intervals with its own clock. Within `clockTolerance` that clock is
/// trusted to the grid: each interval is snapped to the nearest slot whole. Beyond it, the
/// interval is moved to true time and its energy is shared among the slots it overlaps, in
/// proportion to the overlap, and every such slot says so (`.clockError`). A slot only gets a
/// value when the profile covers it completely; the rest is left to the registers and to
/// estimation, never filled with part of an interval.
public enum ProfilePlacement {
    /// Recorded intervals placed on the UTC grid by corrected time; only grid intervals the profile fully covers get a value.
    /// - Parameters:
    ///   - recorded: the profile in meter time, in the order it was read. Of two intervals with one
    ///     meter start the first is kept; the slot is flagged `.duplicate` when their energies differ.
    ///   - clock: meter clock offsets observed at reads, any order. The offset at a meter instant is
    ///     interpolated linearly between the observations around it (so drift is followed), held at
    ///     the nearest one beyond them, and 0 without any. Interpolating at the meter's own instant
    ///     rather than true time errs by offset x drift rate, far below a second.
    ///   - multiplier: the CT/PT multiplier, applied once to each slot.
    ///   - settings: `clockTolerance` is used.
    /// - Returns: the fully covered slots of `range` by start, source `.meterProfile`, quality `.valid`,
    ///   with the flags of every record that contributed (status bits, clock error, wrong length, duplicate).
    public static func place(_ recorded: [RecordedInterval], clock: [ClockObservation], grid: IntervalGrid, range: Range<Date>,
                             multiplier: Double, settings: VEESettings) -> [Date: EnergyInterval] {
        let observations = clock.sorted { $0.time < $1.time }
        var slots: [Date: Slot] = [:]
        var placed: [Date: (energyWh: Double, slots: [Date])] = [:]  // by meter start, for duplicates
        for record in recorded {
            if let first = placed[record.meterStart] {
                if first.energyWh != record.energyWh {
                    for start in first.slots { slots[start]?.flags.insert(.duplicate) }
                }
                continue
            }
            guard let shares = shares(of: record, observations, grid: grid, settings: settings) else { continue }
            var flags = flags(for: record.status)
            if shares.shifted { flags.insert(.clockError) }
            if record.lengthSeconds != grid.lengthSeconds { flags.insert(.wrongLength) }
            for share in shares.slots {
                slots[share.start, default: Slot()].add(energyWh: record.energyWh * share.fraction, seconds: share.seconds, flags: flags)
            }
            placed[record.meterStart] = (record.energyWh, shares.slots.map(\.start))
        }
        var out: [Date: EnergyInterval] = [:]
        for start in grid.starts(in: range) {
            // Under- or over-covered (overlapping records) slots are left out: their energy is not known.
            guard let slot = slots[start], abs(slot.seconds - grid.length) <= 1 else { continue }
            out[start] = EnergyInterval(start: start, lengthSeconds: grid.lengthSeconds, energyWh: slot.energyWh * multiplier,
                                        quality: .valid, source: .meterProfile, flags: slot.flags)
        }
        return out
    }

    /// What the meter said about an interval, as validation flags. Daylight saving, recovered
    /// values, overflow and parity are information only.
    static func flags(for status: IntervalStatus) -> ValidationFlags {
        var flags: ValidationFlags = []
        if status.contains(.powerDown) { flags.insert(.outage) }
        if !status.isDisjoint(with: [.clockAdjusted, .clockInvalid]) { flags.insert(.clockError) }
        if status.contains(.dataNotValid) { flags.insert(.meterInvalid) }
        if status.contains(.hardwareReset) { flags.insert(.resetOrExchange) }
        return flags
    }

    /// One slot's running total.
    private struct Slot {
        var energyWh = 0.0
        var seconds: TimeInterval = 0
        var flags: ValidationFlags = []

        mutating func add(energyWh: Double, seconds: TimeInterval, flags: ValidationFlags) {
            self.energyWh += energyWh
            self.seconds += seconds
            self.flags.formUnion(flags)
        }
    }

    /// The part of one record that falls in one slot.
    private struct Share {
        var start: Date
        /// Seconds of the slot the record covers.
        var seconds: TimeInterval
        /// Fraction of the record's energy the slot gets.
        var fraction: Double
    }

    /// Where a record's energy goes; nil for a record of no length.
    ///
    /// Both ends are corrected with the offset at that end, so consecutive records of a drifting
    /// meter still tile true time without overlap or hole, and the energy is shared by overlap
    /// with the corrected span (which is not exactly the recorded length under drift).
    private static func shares(of record: RecordedInterval, _ observations: [ClockObservation], grid: IntervalGrid,
                               settings: VEESettings) -> (slots: [Share], shifted: Bool)? {
        let meterEnd = record.meterStart.addingTimeInterval(TimeInterval(record.lengthSeconds))
        let (startOffset, endOffset) = (offset(at: record.meterStart, observations), offset(at: meterEnd, observations))
        let start = record.meterStart.addingTimeInterval(-startOffset)
        let end = meterEnd.addingTimeInterval(-endOffset)
        guard end > start else { return nil }
        let shifted = max(abs(startOffset), abs(endOffset)) > settings.clockTolerance
        if !shifted, record.lengthSeconds == grid.lengthSeconds {
            let nearest = grid.start(containing: start.addingTimeInterval(grid.length / 2))
            return ([Share(start: nearest, seconds: grid.length, fraction: 1)], false)
        }
        let duration = end.timeIntervalSince(start)
        var shares: [Share] = []
        var slot = grid.start(containing: start)
        while slot < end {
            let overlap = min(end, slot.addingTimeInterval(grid.length)).timeIntervalSince(max(start, slot))
            if overlap > 0 { shares.append(Share(start: slot, seconds: overlap, fraction: overlap / duration)) }
            slot = slot.addingTimeInterval(grid.length)
        }
        return (shares, shifted)
    }

    /// The meter clock offset (meter minus gateway) at a meter instant.
    private static func offset(at instant: Date, _ observations: [ClockObservation]) -> TimeInterval {
        guard let first = observations.first, let last = observations.last else { return 0 }
        if instant <= first.time { return first.offsetSeconds }
        if instant >= last.time { return last.offsetSeconds }
        var low = 0, high = observations.count  // first observation after `instant`
        while low < high {
            let mid = (low + high) / 2
            if observations[mid].time <= instant { low = mid + 1 } else { high = mid }
        }
        let (a, b) = (observations[low - 1], observations[low])
        let fraction = instant.timeIntervalSince(a.time) / b.time.timeIntervalSince(a.time)
        return a.offsetSeconds + (b.offsetSeconds - a.offsetSeconds) * fraction
    }
}
