import Foundation
import Intervals

/// The synthetic fleet of the interval benchmark: METERS meters x 4 channels, one UTC day of
/// register reads every 15 minutes, a function of the seed alone.
///
/// - Load: a residential (75 %) or commercial daily shape (`LoadShape`) at a level drawn per
///   meter, 4 channels at 1, 1.02, 0.3 and 0.5 of it, each quarter hour x a uniform 0.85-1.15
///   noise of its own. Commercial meters above 1 kWh a quarter hour sit behind CT 200/5 A
///   (multiplier 40): their registers count the secondary side.
/// - Reads: at each quarter hour from 23:45 the day before to 00:15 the day after, each -3 to
///   +6 s off the mark (whole milliseconds), the register (secondary Wh) rounded to 0.1 Wh.
/// - Gaps: 2 % of the series lose 40 minutes of reads (the two reads inside), 1 % five hours
///   (20 reads), at a random time of day (the same for each run); the engine must interpolate (code 9) and estimate
///   from like days (code 8).
/// - History: 14 final days of actual intervals before the day, drawn like the day itself, for
///   the series with a gap (`.gaps`) or for every series (`.all`).
///
/// Each series draws its reads and its history from generators of its own, seeded from the
/// fleet's seed and its index, so the history mode never changes the reads.
struct Fleet {
    enum HistoryMode: String { case gaps, all }
    enum Gap { case none, fortyMinutes, fiveHours }

    struct Series {
        var data: ChannelData
        var history: [EnergyInterval]
        var gap: Gap
    }

    /// Thursday 2026-04-16, UTC.
    static let day = Date(timeIntervalSince1970: 1_776_297_600)..<Date(timeIntervalSince1970: 1_776_384_000)
    static let channels = 4
    static let slot: TimeInterval = 900
    static let historyDays = 14
    private static let channelFactors = [1.0, 1.02, 0.3, 0.5]

    let history: HistoryMode
    var series: [Series] = []

    init(meters: Int, seed: UInt64, history: HistoryMode) {
        self.history = history
        let count = meters * Self.channels
        // Which series get a gap: the first 2 % of a seeded shuffle lose 40 minutes, the next 1 % five hours.
        var picker = SplitMix64(seed: seed)
        let order = Array(0..<count).shuffled(using: &picker)
        var gaps = [Gap](repeating: .none, count: count)
        for index in order.prefix(count * 2 / 100) { gaps[index] = .fortyMinutes }
        for index in order.dropFirst(count * 2 / 100).prefix(count / 100) { gaps[index] = .fiveHours }
        series.reserveCapacity(count)
        for meter in 0..<meters {
            var meterRandom = SplitMix64(seed: seed &+ 0x1000 &+ UInt64(meter) &* 0x9E37_79B9)
            let commercial = Double.random(in: 0..<1, using: &meterRandom) < 0.25
            let level = commercial ? Double.random(in: 300...2500, using: &meterRandom) : Double.random(in: 25...110, using: &meterRandom)
            let multiplier = commercial && level > 1000 ? 40.0 : 1
            for channel in 0..<Self.channels {
                let index = meter * Self.channels + channel
                let shape = LoadShape(commercial: commercial, level: level * Self.channelFactors[channel])
                var random = SplitMix64(seed: seed &+ 0x2_0000_0000 &+ UInt64(index) &* 0x5851_F42D)
                var samples = Self.reads(shape, multiplier: multiplier, using: &random)
                if let window = Self.window(gaps[index], using: &random) { samples.removeAll { window.contains($0.time) } }
                var past: [EnergyInterval] = []
                if history == .all || gaps[index] != .none {
                    var historyRandom = SplitMix64(seed: seed &+ 0x3_0000_0000 &+ UInt64(index) &* 0x2545_F491)
                    past = Self.history(shape, using: &historyRandom)
                }
                series.append(Series(data: ChannelData(samples: samples, multiplier: multiplier), history: past, gap: gaps[index]))
            }
        }
    }

    /// Reads at each quarter hour from 23:45 the day before to 00:15 the day after. The load is
    /// constant within a quarter hour, so the register between marks is linear in time.
    private static func reads(_ shape: LoadShape, multiplier: Double, using random: inout SplitMix64) -> [RegisterSample] {
        let first = day.lowerBound.addingTimeInterval(-slot)
        let energies = (0..<99).map { shape.energy(at: first.addingTimeInterval(Double($0) * slot), using: &random) }
        var register = Double.random(in: 1e5...5e7, using: &random)  // primary Wh at 23:45 the day before
        var reads: [RegisterSample] = []
        for (q, energy) in energies.enumerated() {
            let jitter = Double(Int.random(in: -3000...6000, using: &random)) / 1000
            // A negative jitter reads the end of the quarter hour before.
            let fraction = jitter < 0 ? 1 + jitter / slot : jitter / slot
            let inSlot = jitter < 0 ? (q > 0 ? energies[q - 1] : energy) : energy
            let base = jitter < 0 ? register - inSlot : register
            let secondary = ((base + inSlot * fraction) / multiplier * 10).rounded() / 10
            reads.append(RegisterSample(time: first.addingTimeInterval(Double(q) * slot + jitter), valueWh: secondary))
            register += energy
        }
        return reads
    }

    /// When the link was down: 40 minutes or 5 hours from 12 minutes before a random quarter hour,
    /// which loses the reads of 2 or 20 quarter hours (45 minutes or 5 h 15 min between reads).
    private static func window(_ gap: Gap, using random: inout SplitMix64) -> Range<Date>? {
        let (quarter, seconds): (Int, Double)
        switch gap {
        case .none: return nil
        case .fortyMinutes: (quarter, seconds) = (Int.random(in: 4...88, using: &random), 2400)
        case .fiveHours: (quarter, seconds) = (Int.random(in: 8...72, using: &random), 18_000)
        }
        let start = day.lowerBound.addingTimeInterval(Double(quarter) * slot - 720)
        return start..<start.addingTimeInterval(seconds)
    }

    /// The 14 days before the day: final, actual, valid intervals from the registers.
    private static func history(_ shape: LoadShape, using random: inout SplitMix64) -> [EnergyInterval] {
        let first = day.lowerBound.addingTimeInterval(-Double(historyDays) * 86_400)
        return (0..<(historyDays * 96)).map { q in
            let start = first.addingTimeInterval(Double(q) * slot)
            return EnergyInterval(start: start, lengthSeconds: Int(slot), energyWh: shape.energy(at: start, using: &random), source: .registerReads)
        }
    }
}

/// A daily load curve in Wh a quarter hour (primary side), about `level` on a weekday average.
struct LoadShape {
    let commercial: Bool
    let level: Double

    /// The quarter hour starting at `start`: the shape at its middle x a uniform 0.85-1.15 noise.
    func energy(at start: Date, using random: inout SplitMix64) -> Double {
        let seconds = start.timeIntervalSince1970 + 450
        let hour = seconds.truncatingRemainder(dividingBy: 86_400) / 3600
        let weekday = Int(seconds / 86_400) % 7  // 0 = Thursday (1970-01-01 was one)
        return level * relative(hour: hour, weekend: weekday == 2 || weekday == 3) * Double.random(in: 0.85...1.15, using: &random)
    }

    private func relative(hour h: Double, weekend: Bool) -> Double {
        func bump(_ centre: Double, _ width: Double) -> Double { exp(-0.5 * pow((h - centre) / width, 2)) }
        if commercial {
            guard !weekend else { return 0.45 }
            let open = 1 / (1 + exp(-(h - 7.5) * 3)), close = 1 / (1 + exp((h - 18.5) * 3))
            return 0.3 + 1.6 * open * close  // night base, business hours 08-18
        }
        // Base load, a morning and a larger evening peak; at home around midday at weekends.
        return 0.5 + 0.6 * bump(7.5, 1) + 1.3 * bump(19.5, 2) + (weekend ? 0.4 * bump(13, 3) : 0)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast and the same on every platform, so a seed
/// gives the same fleet everywhere.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
