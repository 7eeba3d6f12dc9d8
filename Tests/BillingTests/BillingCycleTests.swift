import Billing
import Foundation
import Intervals
import Testing

@Suite struct BillingCycleTests {
    let days = LocalDays(timeZone: tokyo)

    @Test func theCycleContainingAnInstantRunsFromTheCycleDayToTheNextMonthsCycleDay() throws {
        let cycle = try BillingCycle.containing(local("2025-09-10 12:00", tokyo), cycleDay: 15, days: days)
        #expect(cycle.start == local("2025-08-15 00:00", tokyo))
        #expect(cycle.end == local("2025-09-15 00:00", tokyo))
        #expect((cycle.firstDay, cycle.lastDay) == ("2025-08-15", "2025-09-14"))
        // Local midnight of the cycle day belongs to the new cycle.
        #expect(try BillingCycle.containing(local("2025-09-15 00:00", tokyo), cycleDay: 15, days: days).start == cycle.end)
    }

    @Test func cyclesOverlappingARangeCrossTheYearEnd() throws {
        let cycles = try BillingCycle.cycles(overlapping: local("2026-01-01", tokyo)..<local("2026-03-01", tokyo), cycleDay: 28,
                                             days: days)
        #expect(cycles.map(\.firstDay) == ["2025-12-28", "2026-01-28", "2026-02-28"])
        #expect(cycles.map(\.lastDay) == ["2026-01-27", "2026-02-27", "2026-03-27"])
        #expect(zip(cycles, cycles.dropFirst()).allSatisfy { $0.end == $1.start })
    }

    @Test func aCycleDayAfterThe28thIsRejected() {
        #expect(throws: BillingError.cycleDayOutOfRange(29)) { try BillingCycle(year: 2026, month: 1, cycleDay: 29, days: days) }
    }

    @Test func aChicagoCycleStartsAtLocalMidnightOnEitherSideOfDST() throws {
        let chicagoDays = LocalDays(timeZone: chicago)
        let cycle = try BillingCycle(year: 2025, month: 10, cycleDay: 20, days: chicagoDays)
        #expect(cycle.start == Date(timeIntervalSince1970: 1_760_936_400))  // 2025-10-20T05:00Z (CDT)
        #expect(cycle.end == Date(timeIntervalSince1970: 1_763_618_400))  // 2025-11-20T06:00Z (CST)
        #expect(cycle.hours == 31 * 24 + 1)
    }
}
