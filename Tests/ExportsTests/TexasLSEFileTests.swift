import Foundation
import Exports
import Intervals
import Testing

@Suite struct TexasLSEFileTests {
    let file = TexasLSEFile()  // America/Chicago
    let march7 = Date(timeIntervalSince1970: 1_772_863_200)  // 2026-03-07T06:00Z, local midnight CST
    let november1 = Date(timeIntervalSince1970: 1_793_509_200)  // 2026-11-01T05:00Z, local midnight CDT

    private func lines(_ text: String) -> [[String]] {
        text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
    }

    @Test func writesThreeRecordsPerDayWith96ValuesAndThen92OnTheSpringDSTDay() throws {
        // 2026-03-07 (96 quarter hours) and 2026-03-08 (clocks jump 02:00 -> 03:00: 92).
        let intervals = Fixture.run(from: march7, count: 96 + 92)
        let records = lines(try file.encode(intervals))
        #expect(records.count == 6)
        #expect(records[0] == ["00000001", "m-001", "4", "20260307000000", "20260308000000", "Y", "N"])
        #expect(records[1] == ["00000002", "24.000", "kWh", "15", "96"])
        #expect(records[2].count == 1 + 2 * 96)
        #expect(records[3] == ["00000001", "m-001", "4", "20260308000000", "20260309000000", "Y", "N"])
        #expect(records[4] == ["00000002", "23.000", "kWh", "15", "92"])
        #expect(records[5].count == 1 + 2 * 92)
        #expect(records[5][0] == "00000003")
        #expect(Array(records[5][1...2]) == ["0.250", "A"])
    }

    @Test func theAutumnDSTDayHas100Values() throws {
        let records = lines(try file.encode(Fixture.run(from: november1, count: 100)))
        #expect(records.count == 3)
        #expect(records[0] == ["00000001", "m-001", "4", "20261101000000", "20261102000000", "Y", "N"])
        #expect(records[1] == ["00000002", "25.000", "kWh", "15", "100"])
        #expect(records[2].count == 1 + 2 * 100)
    }

    @Test func flagsActualEstimatedQuestionableAndMissingAndWritesKWh() throws {
        var intervals = Fixture.run(from: march7, count: 96, wh: 1250)
        intervals[1].quality = .estimatedLinear
        intervals[2].quality = .estimatedReferenceDay
        intervals[3].quality = .questionable
        intervals[4].valueWh = nil
        intervals.remove(at: 5)  // absent altogether: still a slot, missing
        let detail = lines(try file.encode(intervals))[2]
        let pairs = stride(from: 1, to: detail.count, by: 2).map { "\(detail[$0]) \(detail[$0 + 1])" }
        #expect(pairs.count == 96)
        #expect(Array(pairs[0...6]) == ["1.250 A", "1.250 E", "1.250 E", "1.250 Q", " M", " M", "1.250 A"])
        let header2 = lines(try file.encode(intervals))[1]
        #expect(header2[1] == "117.500")  // 94 present x 1.25 kWh
    }

    @Test func exportIsGenerationChannelOneAndHourlyDataHas23ValuesOnTheSpringDay() throws {
        let spring = Date(timeIntervalSince1970: 1_772_949_600)  // 2026-03-08T06:00Z
        let records = lines(try file.encode(Fixture.run(channel: "energy.export.total", from: spring, count: 23, length: 3600)))
        #expect(records[0][2] == "1")
        #expect(records[1] == ["00000002", "5.750", "kWh", "60", "23"])
        #expect(records[2].count == 1 + 2 * 23)
    }

    @Test func aDayWithoutAnyIntervalBetweenTwoDaysIsWrittenAllMissing() throws {
        let first = Fixture.run(from: march7, count: 1)
        let third = Fixture.run(from: march7.addingTimeInterval(2 * 86_400 - 3600), count: 1)  // 03-09 00:00 CDT
        let records = lines(try file.encode(first + third))
        #expect(records.count == 9)
        #expect(records[4] == ["00000002", "0.000", "kWh", "15", "92"])
        #expect(records[5].dropFirst().enumerated().allSatisfy { $0.offset % 2 == 0 ? $0.element.isEmpty : $0.element == "M" })
    }

    @Test func rejectsAChannelThatIsNotImportOrExportEnergy() {
        #expect(throws: ExportError.unsupportedChannel(meter: "m-001", channel: "energy.reactive.total")) {
            try file.encode(Fixture.run(channel: "energy.reactive.total", from: march7, count: 1))
        }
    }
}
