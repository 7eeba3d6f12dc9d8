import Foundation
import MeterKit
import Testing

struct ReadScheduleTests {
    nonisolated(unsafe) static let utc = ISO8601DateFormatter()  // only read, by formatting calls

    @Test func boundariesAreAlignedToTheUTCClock() throws {
        let schedule = ReadSchedule(everySeconds: 300)
        let instant = try #require(Self.utc.date(from: "2026-01-05T10:07:31Z"))
        #expect(schedule.boundary(atOrBefore: instant) == Self.utc.date(from: "2026-01-05T10:05:00Z"))
        #expect(schedule.boundary(after: instant) == Self.utc.date(from: "2026-01-05T10:10:00Z"))
        // A boundary itself is "at or before" itself, and "after" moves one step on.
        let exact = try #require(Self.utc.date(from: "2026-01-05T10:10:00Z"))
        #expect(schedule.boundary(atOrBefore: exact) == exact)
        #expect(schedule.boundary(after: exact) == Self.utc.date(from: "2026-01-05T10:15:00Z"))
    }

    @Test func boundariesInARangeAreHalfOpen() throws {
        let schedule = ReadSchedule(everySeconds: 900)
        let from = try #require(Self.utc.date(from: "2026-01-05T10:00:00Z"))
        let to = try #require(Self.utc.date(from: "2026-01-05T11:00:00Z"))
        // 10:00, 10:15, 10:30, 10:45; 11:00 is the open end.
        #expect(schedule.boundaries(in: from..<to).count == 4)
        #expect(schedule.boundaries(in: from.addingTimeInterval(1)..<to).first == from.addingTimeInterval(900))
    }
}
