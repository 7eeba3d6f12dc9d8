import Foundation
import Exports
import Intervals
import Testing

@Suite struct IntervalCSVTests {
    @Test func writesTheHeaderAndOneCRLFRecordPerIntervalInTheOrderGiven() {
        let later = ExportedInterval(meterID: "m-001", channel: "energy.import.total", start: Fixture.march1.addingTimeInterval(900),
                                     lengthSeconds: 900, valueWh: 250)
        let earlier = ExportedInterval(meterID: "m-001", channel: "energy.export.total", start: Fixture.march1,
                                       lengthSeconds: 3600, valueWh: 1234.5678, quality: .estimatedReferenceDay, revision: 2,
                                       source: "estimate", estimation: "like-day", flags: 5)
        let text = IntervalCSV.encode([later, earlier])
        #expect(text == """
            meter,channel,start_utc,length_s,value_wh,quality,revision,source,estimation,flags\r
            m-001,energy.import.total,2026-03-01T00:15:00Z,900,250.000,0,0,profile,,0\r
            m-001,energy.export.total,2026-03-01T00:00:00Z,3600,1234.568,8,2,estimate,like-day,5\r

            """)
    }

    @Test func aMissingValueIsAnEmptyFieldNeverAZero() {
        let missing = ExportedInterval(meterID: "m-002", channel: "energy.import.total", start: Fixture.march1,
                                       lengthSeconds: 900, valueWh: nil, source: "registers", flags: 1)
        let zero = ExportedInterval(meterID: "m-002", channel: "energy.import.total", start: Fixture.march1.addingTimeInterval(900),
                                    lengthSeconds: 900, valueWh: 0)
        #expect(IntervalCSV.record(missing) == "m-002,energy.import.total,2026-03-01T00:00:00Z,900,,0,0,registers,,1")
        #expect(IntervalCSV.record(zero) == "m-002,energy.import.total,2026-03-01T00:15:00Z,900,0.000,0,0,profile,,0")
    }

    @Test func quotesFieldsWithCommasQuotesAndLineBreaksOnly() {
        let odd = ExportedInterval(meterID: "site \"A\", east", channel: "energy.import.total", start: Fixture.march1,
                                   lengthSeconds: 900, valueWh: 1, source: "line\nbreak")
        #expect(IntervalCSV.record(odd)
            == "\"site \"\"A\"\", east\",energy.import.total,2026-03-01T00:00:00Z,900,1.000,0,0,\"line\nbreak\",,0")
        #expect(IntervalCSV.field("plain text") == "plain text")
        #expect(IntervalCSV.field("cr\rhere") == "\"cr\rhere\"")
    }
}
