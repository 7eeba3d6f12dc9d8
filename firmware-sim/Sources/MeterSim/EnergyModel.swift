import Foundation

/// The deterministic consumption of one simulated meter: energy as a function of time.
///
/// Everything is a closed-form function of (seed, meter key, instant), so the same meter
/// reads the same at the same instant whatever happened before, and two emulator runs agree
/// to the Wh. Day totals and the 96 quarter-hour energies are integers in mWh; cumulative
/// energy is an integer prefix sum plus the elapsed part of the current interval, which
/// keeps registers exact over years (no drift from adding Doubles) and makes the sum of
/// interval energies equal the register delta by construction.
///
/// A final class because the prefix sums are cached and grown on demand under a lock while
/// several connections read the same meter; everything else is immutable.
public final class EnergyModel: @unchecked Sendable {
    // @unchecked: the only mutable state (`prefixMilliWh`, `dayCache`) is touched only with
    // `lock` held; every other stored property is a `let` of a Sendable type.

    /// Consumption is counted from 2020-01-01T00:00:00Z; before it the register stands at its
    /// initial value. A fixed epoch, not the simulation start, keeps values independent of
    /// when a run began.
    public static let epoch = Date(timeIntervalSince1970: epochUnixSeconds)
    static let epochUnixSeconds: Double = 1_577_836_800
    static let epochDayNumber = 18_262  // UTCDay number of 2020-01-01
    public static let intervalSeconds = 900
    public static let intervalsPerDay = 96

    public let seed: UInt64
    public let meterKey: UInt64
    public let loadClass: LoadClass
    /// This meter's size against its class mean, 0.7 ... 1.3 (drawn from the seed).
    public let meterScale: Double
    /// The register value at the epoch: 1,000 ... 50,000 kWh in whole Wh (a meter is rarely
    /// new when a study starts).
    public let initialRegisterWh: Double
    /// Supply interruptions, merged and sorted; consumption is zero inside them.
    public let outages: [Range<Date>]
    /// Instants at which the energy register was reset to zero, sorted.
    public let registerResets: [Date]

    private let initialMilliWh: Int64
    private let weekdayShape: [Double]
    private let weekendShape: [Double]
    private let lock = NSLock()
    private var prefixMilliWh: [Int64] = [0]  // [d] = sum of day totals of days 0..<d
    private var dayCache: [(day: Int, cumulative: [Int64])] = []

    public init(seed: UInt64, meterKey: UInt64, loadClass: LoadClass,
                outages: [Range<Date>] = [], registerResets: [Date] = []) {
        self.seed = seed
        self.meterKey = meterKey
        self.loadClass = loadClass
        meterScale = 0.7 + 0.6 * DeterministicRandom.unit(seed, meterKey, RandomStream.meterScale.rawValue, 0)
        let initialKWh = 1_000 + 49_000 * DeterministicRandom.unit(seed, meterKey, RandomStream.initialRegister.rawValue, 0)
        initialMilliWh = Int64(initialKWh * 1_000) * 1_000
        initialRegisterWh = Double(initialMilliWh) / 1_000
        self.outages = Self.merged(outages)
        self.registerResets = registerResets.sorted()
        weekdayShape = loadClass.quarterHourShape(.weekday)
        weekendShape = loadClass.quarterHourShape(.weekendOrHoliday)
    }

    // MARK: - Planned consumption (as if supply never failed)

    /// Energy of a whole UTC day in Wh, ignoring outages; zero before the epoch.
    public func dayTotalWh(_ day: UTCDay) -> Double {
        Double(dayTotalMilliWh(day.number - Self.epochDayNumber)) / 1_000
    }

    /// The day's 96 quarter-hour energies in Wh, ignoring outages; they add up to
    /// `dayTotalWh(day)` exactly (in mWh).
    public func plannedIntervalsWh(_ day: UTCDay) -> [Double] {
        let c = cumulative(day: day.number - Self.epochDayNumber)
        return (0..<Self.intervalsPerDay).map { Double(c[$0 + 1] - c[$0]) / 1_000 }
    }

    /// D(day) = mean x meter scale x season x day type x (1 + up to ±10 % day noise), in mWh.
    func dayTotalMilliWh(_ d: Int) -> Int64 {
        guard d >= 0 else { return 0 }
        let day = UTCDay(number: Self.epochDayNumber + d)
        let noise = 1 + 0.10 * DeterministicRandom.symmetric(seed, meterKey, RandomStream.dayNoise.rawValue, d.randomKey)
        let kWh = loadClass.meanDailyKWh * meterScale
            * loadClass.seasonalFactor(dayOfYear: day.dayOfYear, daysInYear: day.daysInYear)
            * loadClass.dayTypeFactor(day.kind) * noise
        return Int64((kWh * 1_000_000).rounded())
    }

    /// Cumulative mWh at each quarter-hour boundary of day `d` (97 values, 0 ... D(d)).
    /// Weights are shape x (1 + up to ±15 % noise); rounding the cumulative share rather than
    /// each interval keeps every interval non-negative and the total exactly D(d).
    private func computeCumulative(day d: Int) -> [Int64] {
        let total = dayTotalMilliWh(d)
        let shape = UTCDay(number: Self.epochDayNumber + d).kind == .weekday ? weekdayShape : weekendShape
        var weights = [Double](repeating: 0, count: Self.intervalsPerDay)
        var sum = 0.0
        for i in 0..<Self.intervalsPerDay {
            let index = (d * Self.intervalsPerDay + i).randomKey
            weights[i] = shape[i] * (1 + 0.15 * DeterministicRandom.symmetric(seed, meterKey, RandomStream.intervalNoise.rawValue, index))
            sum += weights[i]
        }
        var result = [Int64](repeating: 0, count: Self.intervalsPerDay + 1)
        var running = 0.0
        for i in 0..<Self.intervalsPerDay {
            running += weights[i]
            result[i + 1] = min(total, Int64((Double(total) * running / sum).rounded()))
        }
        result[Self.intervalsPerDay] = total
        return result
    }

    /// The cached cumulative array of day `d` and the prefix sum of the days before it.
    private func day(_ d: Int) -> (prefix: Int64, cumulative: [Int64]) {
        lock.withLock {
            if prefixMilliWh.count <= d {
                prefixMilliWh.reserveCapacity(d + 366)
                // Always summed from day 0 in order, so the result is bit-identical whoever
                // asks first.
                while prefixMilliWh.count <= d {
                    let next = prefixMilliWh.count - 1
                    prefixMilliWh.append(prefixMilliWh[next] + dayTotalMilliWh(next))
                }
            }
            if let hit = dayCache.first(where: { $0.day == d }) { return (prefixMilliWh[d], hit.cumulative) }
            let c = computeCumulative(day: d)
            if dayCache.count >= 8 { dayCache.removeFirst() }
            dayCache.append((d, c))
            return (prefixMilliWh[d], c)
        }
    }

    private func cumulative(day d: Int) -> [Int64] {
        d < 0 ? [Int64](repeating: 0, count: Self.intervalsPerDay + 1) : day(d).cumulative
    }

    /// Planned cumulative mWh since the epoch plus the initial register, ignoring outages.
    func plannedMilliWh(at t: Date) -> Double {
        let s = t.timeIntervalSince1970 - Self.epochUnixSeconds
        guard s > 0 else { return Double(initialMilliWh) }
        let d = Int((s / 86_400).rounded(.down))
        let intoDay = s - Double(d) * 86_400
        let i = min(Self.intervalsPerDay - 1, Int(intoDay / Double(Self.intervalSeconds)))
        let fraction = min(1, max(0, (intoDay - Double(i * Self.intervalSeconds)) / Double(Self.intervalSeconds)))
        let (prefix, c) = day(d)
        let whole = initialMilliWh + prefix + c[i]  // exact integer
        return Double(whole) + Double(c[i + 1] - c[i]) * fraction
    }

    /// Planned power in W of the interval containing `t` (constant within the interval).
    func plannedPowerW(at t: Date) -> Double {
        let s = t.timeIntervalSince1970 - Self.epochUnixSeconds
        guard s >= 0 else { return 0 }
        let d = Int((s / 86_400).rounded(.down))
        let i = min(Self.intervalsPerDay - 1, Int((s - Double(d) * 86_400) / Double(Self.intervalSeconds)))
        let c = cumulative(day: d)
        // mWh per quarter hour -> W: x 4 / 1000.
        return Double(c[i + 1] - c[i]) / 250
    }

    // MARK: - Actual consumption

    /// Whether supply is off at `t` (outage windows are half-open: [start, end)).
    public func isPoweredDown(at t: Date) -> Bool {
        outages.contains { $0.contains(t) }
    }

    /// E(t): cumulative imported energy in Wh, initial register included, with no growth
    /// during outages. This is the true consumption; register resets do not affect it.
    public func energyWh(at t: Date) -> Double {
        var lost = 0.0  // mWh not consumed in outages that ended by t
        for outage in outages {
            if outage.lowerBound > t { break }
            if outage.upperBound > t {
                // Inside: frozen at the value the outage began with.
                return (plannedMilliWh(at: outage.lowerBound) - lost) / 1_000
            }
            lost += plannedMilliWh(at: outage.upperBound) - plannedMilliWh(at: outage.lowerBound)
        }
        return (plannedMilliWh(at: t) - lost) / 1_000
    }

    /// Active power in W at `t`: the interval's planned power, 0 during an outage.
    public func powerW(at t: Date) -> Double {
        isPoweredDown(at: t) ? 0 : plannedPowerW(at: t)
    }

    /// The latest register reset at or before `t`.
    public func lastReset(atOrBefore t: Date) -> Date? {
        registerResets.last { $0 <= t }
    }

    /// The import register in Wh: E(t), or E(t) - E(R) after the latest reset R.
    public func registerWh(at t: Date) -> Double {
        guard let reset = lastReset(atOrBefore: t) else { return energyWh(at: t) }
        return energyWh(at: t) - energyWh(at: reset)
    }

    /// Exported energy register in Wh. Every class is a pure consumer today; the method
    /// exists so that a PV (prosumer) option can be added without changing callers.
    public func exportWh(at t: Date) -> Double { 0 }

    /// Reactive energy register in varh: active register x tan(acos(PF)).
    public func reactiveRegisterVarh(at t: Date) -> Double {
        registerWh(at: t) * loadClass.reactiveRatio
    }

    // MARK: - Demand

    /// Average power in W of the last completed clock-aligned 15-minute interval.
    public func demandW(at t: Date) -> Double {
        let s = t.timeIntervalSince1970
        let end = (s / Double(Self.intervalSeconds)).rounded(.down) * Double(Self.intervalSeconds)
        let a = Date(timeIntervalSince1970: end - Double(Self.intervalSeconds))
        return (energyWh(at: Date(timeIntervalSince1970: end)) - energyWh(at: a)) * 4
    }

    /// The largest 15-minute demand in W among intervals completed since the start of the
    /// current UTC month (0 before the first interval of the month completes).
    public func maxDemandW(at t: Date) -> Double {
        let s = t.timeIntervalSince1970 - Self.epochUnixSeconds
        let current = Int((s / Double(Self.intervalSeconds)).rounded(.down))  // not completed
        let monthStart = UTCDay(unixSeconds: t.timeIntervalSince1970).firstOfMonth.number - Self.epochDayNumber
        guard current > max(0, monthStart * Self.intervalsPerDay) else { return 0 }
        var largest: Int64 = 0
        var d = max(0, monthStart)
        while d * Self.intervalsPerDay < current {
            let c = cumulative(day: d)
            for i in 0..<Self.intervalsPerDay {
                let k = d * Self.intervalsPerDay + i
                if k >= current { break }
                var e = c[i + 1] - c[i]
                if overlapsOutage(interval: k) {
                    let a = Date(timeIntervalSince1970: Self.epochUnixSeconds + Double(k * Self.intervalSeconds))
                    e = Int64(((energyWh(at: a + Double(Self.intervalSeconds)) - energyWh(at: a)) * 1_000).rounded())
                }
                largest = max(largest, e)
            }
            d += 1
        }
        return Double(largest) / 250
    }

    /// Whether an outage overlaps interval `k` (counted in quarter hours from the epoch).
    private func overlapsOutage(interval k: Int) -> Bool {
        let start = Date(timeIntervalSince1970: Self.epochUnixSeconds + Double(k * Self.intervalSeconds))
        let end = start + Double(Self.intervalSeconds)
        return outages.contains { $0.lowerBound < end && $0.upperBound > start }
    }

    /// Sorted, with overlapping or touching windows joined, so no loss is subtracted twice.
    static func merged(_ windows: [Range<Date>]) -> [Range<Date>] {
        var result: [Range<Date>] = []
        for w in windows.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, w.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, w.upperBound)
            } else {
                result.append(w)
            }
        }
        return result
    }
}
