import Foundation
import Intervals
import Testing

/// SplitMix64: a tiny seeded generator, so every run checks the same cases and a failing seed can be replayed.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One random fault-free register history: no resets, exchanges, rollovers or backward steps.
private struct RandomCase {
    var samples: [RegisterSample]
    var grid: IntervalGrid
    var range: Range<Date>
    var multiplier: Double
    /// Whether reads were placed exactly on the first and last grid boundary of the range.
    var readsOnRangeEdges: Bool

    init(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        grid = IntervalGrid(lengthSeconds: Bool.random(using: &rng) ? 900 : 3600)
        multiplier = [1, 40, 2.5, 0.001].randomElement(using: &rng)!
        // Reads at a cadence of 1 to 15 minutes, each up to 40% of it (at most a minute) off its mark.
        // One read in 30 is followed by a read gap of 20 minutes to 6 hours (interpolated and long gaps).
        let cadence = TimeInterval(Int.random(in: 1...15, using: &rng) * 60)
        let jitter = min(0.4 * cadence, 60)
        var mark = 1_772_409_600 + TimeInterval(Int.random(in: 0..<86_400, using: &rng))
        var times: [TimeInterval] = []
        for _ in 0..<Int.random(in: 2...150, using: &rng) {
            times.append(mark + Double.random(in: -jitter...jitter, using: &rng))
            mark += Int.random(in: 0..<30, using: &rng) == 0 ? Double.random(in: 1200...21_600, using: &rng) : cadence
        }
        // A range anywhere from an hour before the first read to an hour after the last.
        let lower = Double.random(in: times[0] - 3600...times[times.count - 1], using: &rng)
        let upper = Double.random(in: lower + 1...times[times.count - 1] + 3600, using: &rng)
        range = Date(timeIntervalSince1970: lower)..<Date(timeIntervalSince1970: upper)
        let starts = grid.starts(in: range)
        readsOnRangeEdges = !starts.isEmpty && Int.random(in: 0..<3, using: &rng) == 0
        if readsOnRangeEdges, let first = starts.first, let last = starts.last {
            times += [first.timeIntervalSince1970, last.timeIntervalSince1970 + grid.length]
        }
        times = Array(Set(times)).sorted()
        // Non-negative increments, a fifth of them zero, up to 50 Wh a minute.
        var value = Double(Int.random(in: 0...1_000_000, using: &rng))
        samples = []
        for (index, time) in times.enumerated() {
            if index > 0, Int.random(in: 0..<5, using: &rng) != 0 {
                value += Double.random(in: 0...50, using: &rng) * (time - times[index - 1]) / 60
            }
            samples.append(RegisterSample(time: Date(timeIntervalSince1970: time), valueWh: value))
        }
    }

    /// The register (multiplier applied) at `instant`, interpolated straight from the reads, or nil outside them.
    func reference(at instant: Date) -> Double? {
        for (a, b) in zip(samples, samples.dropFirst()) where a.time <= instant && instant <= b.time {
            let fraction = instant.timeIntervalSince(a.time) / b.time.timeIntervalSince(a.time)
            return (a.valueWh + (b.valueWh - a.valueWh) * fraction) * multiplier
        }
        return nil
    }
}

/// Equal within 1e-6 relative (absolute below 1 Wh, where rounding of the ~1e6 Wh register dominates).
private func agree(_ value: Double?, _ expected: Double?) -> Bool {
    guard let value, let expected else { return false }
    return abs(value - expected) <= 1e-6 * max(abs(expected), 1)
}

@Suite struct DerivationPropertyTests {
    @Test(arguments: 0..<300)
    func intervalsOfFaultFreeReadsAddUpToTheRegisterDelta(seed: Int) {
        let random = RandomCase(seed: UInt64(seed))
        let series = RegisterDerivation.derive(random.samples, grid: random.grid, range: random.range,
                                               multiplier: random.multiplier, settings: VEESettings())
        let intervals = series.intervals
        #expect(intervals.map(\.start) == random.grid.starts(in: random.range))
        #expect(series.events.isEmpty)
        #expect(intervals.allSatisfy { ($0.energyWh ?? 0) >= 0 })

        // Exactly the intervals inside the reads have values, and they are contiguous.
        let (firstRead, lastRead) = (random.samples[0].time, random.samples[random.samples.count - 1].time)
        let valued = intervals.indices.filter { intervals[$0].energyWh != nil }
        #expect(valued == intervals.indices.filter { intervals[$0].start >= firstRead && intervals[$0].end <= lastRead })
        if let first = valued.first { #expect(valued == Array(first..<(first + valued.count))) }
        for index in intervals.indices where !valued.contains(index) { #expect(intervals[index].flags == [.missing]) }
        guard let first = valued.first, let last = valued.last else { return }

        let sum = valued.reduce(0.0) { $0 + intervals[$1].energyWh! }
        let from = intervals[first].start, to = intervals[last].end
        #expect(agree(sum, series.registerDelta(from: from, to: to)), "seed \(seed)")
        let expected = random.reference(at: to).flatMap { end in random.reference(at: from).map { end - $0 } }
        #expect(agree(sum, expected), "seed \(seed)")
        // Each long gap carries exactly the energy of its intervals.
        for gap in series.longGaps {
            #expect(agree(gap.deltaWh, gap.intervals.reduce(0.0) { $0 + intervals[$1].energyWh! }), "seed \(seed)")
        }

        // With the range inside the reads every interval has a value; with reads on its edges the
        // sum is the plain difference of those two reads.
        if firstRead <= random.range.lowerBound, let end = intervals.last?.end, end <= lastRead {
            #expect(valued.count == intervals.count, "seed \(seed)")
        }
        if random.readsOnRangeEdges {
            let edges = random.samples.filter { $0.time == from || $0.time == to }.map(\.valueWh)
            #expect(edges.count == 2 && agree(sum, (edges[1] - edges[0]) * random.multiplier), "seed \(seed)")
        }
    }
}
