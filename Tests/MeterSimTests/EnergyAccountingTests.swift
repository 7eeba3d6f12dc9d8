import Foundation
import MeterKit
import Testing
@testable import MeterSim

@Suite("Energy accounting")
struct EnergyAccountingTests {
    let meter = Fixtures.meter(loadClass: .commercial)
    var model: EnergyModel { meter.energy }

    @Test("the register starts at the initial value at the epoch and grows by whole days")
    func goldenDayAccounting() {
        let epoch = EnergyModel.epoch
        #expect(model.energyWh(at: epoch) == model.initialRegisterWh)
        #expect(model.energyWh(at: epoch - 86_400) == model.initialRegisterWh)  // nothing before the epoch
        #expect((1_000_000...50_000_000).contains(model.initialRegisterWh))
        #expect(model.initialRegisterWh == model.initialRegisterWh.rounded())  // whole Wh
        // E(epoch + 1 day) = initial + D(2020-01-01); E(epoch + 2 days) adds D(2020-01-02).
        let d0 = model.dayTotalWh(UTCDay(year: 2020, month: 1, day: 1))
        let d1 = model.dayTotalWh(UTCDay(year: 2020, month: 1, day: 2))
        #expect(model.energyWh(at: epoch + 86_400) == model.initialRegisterWh + d0)
        #expect(abs(model.energyWh(at: epoch + 2 * 86_400) - (model.initialRegisterWh + d0 + d1)) < 1e-6)
        // Half way through the first quarter hour: initial + half of interval 0.
        let first = model.plannedIntervalsWh(UTCDay(year: 2020, month: 1, day: 1))[0]
        #expect(abs(model.energyWh(at: epoch + 450) - (model.initialRegisterWh + first / 2)) < 1e-6)
    }

    @Test("a day's 96 intervals add up exactly to the day total and follow the shape")
    func intervalsSumToDay() {
        let day = UTCDay(year: 2026, month: 3, day: 11)  // a Wednesday
        let intervals = model.plannedIntervalsWh(day)
        #expect(intervals.count == 96)
        // mWh integers: the sum is exact, so compare in mWh.
        let sum = intervals.map { Int64(($0 * 1_000).rounded()) }.reduce(0, +)
        #expect(sum == Int64((model.dayTotalWh(day) * 1_000).rounded()))
        #expect(intervals.allSatisfy { $0 > 0 })
        // Commercial: the 11:00-12:00 hour outweighs 02:00-03:00 by far (shape 1.62 vs 0.37,
        // interval noise at most ±15 %, so at least 1.62 x 0.85 / (0.37 x 1.15) = 3.2 x).
        let lateMorning: Double = intervals[44..<48].reduce(0, +)
        let night: Double = intervals[8..<12].reduce(0, +)
        #expect(lateMorning > 3 * night)
    }

    @Test("E(t) never decreases, across days and months")
    func monotonic() {
        var previous = -Double.infinity
        let start = Fixtures.utc("2026-02-27T18:00:00Z")
        for step in 0..<2_000 {  // every 7 minutes 13 seconds for about 10 days
            let e = model.energyWh(at: start + Double(step) * 433)
            #expect(e >= previous)
            previous = e
        }
    }

    @Test("recorded intervals add up exactly to the register delta, across midnight")
    func recordsSumToRegisterDelta() throws {
        // 2.5 days, three midnights, 246 intervals: enough that rounding each interval on its
        // own (instead of the cumulative values) could not reconcile by luck.
        let from = Fixtures.utc("2026-03-13T21:00:00Z"), to = Fixtures.utc("2026-03-16T10:30:00Z")
        let now = Fixtures.utc("2026-03-17T00:00:00Z")
        let sum = try #require(Fixtures.recordedSum(meter.recordedProfile, from: Int64(from.timeIntervalSince1970),
                                                    to: Int64(to.timeIntervalSince1970), at: now))
        let registerDelta = Int64(model.registerWh(at: to).rounded(.toNearestOrAwayFromZero))
            - Int64(model.registerWh(at: from).rounded(.toNearestOrAwayFromZero))
        #expect(sum == registerDelta)
        #expect(sum > 0)
    }

    @Test("instantaneous W x 0.25 h equals the interval's energy")
    func powerMatchesIntervalEnergy() {
        let day = UTCDay(year: 2026, month: 3, day: 11)
        let planned = model.plannedIntervalsWh(day)
        for i in [0, 37, 50, 95] {
            let start = Date(timeIntervalSince1970: day.startUnixSeconds + Double(i * 900))
            let energy = model.energyWh(at: start + 900) - model.energyWh(at: start)
            for offset in [0.0, 1, 449.5, 899.9] {
                let watts = meter.value(of: .powerActiveTotal, at: start + offset)!
                #expect(abs(watts * 0.25 - energy) < 1e-6)
                #expect(abs(watts * 0.25 - planned[i]) < 1e-6)
            }
        }
    }

    @Test("the meter scale and initial register come from the seed, not the load class")
    func perMeterParameters() {
        let a = EnergyModel(seed: 42, meterKey: 7, loadClass: .residential)
        let b = EnergyModel(seed: 42, meterKey: 7, loadClass: .industrial)
        #expect(a.meterScale == b.meterScale && a.initialRegisterWh == b.initialRegisterWh)
        let others = (1...50).map { EnergyModel(seed: 42, meterKey: $0, loadClass: .residential).meterScale }
        #expect(Set(others).count == 50)
        #expect(others.min()! < 0.8 && others.max()! > 1.2)  // spread over 0.7 ... 1.3
    }
}
