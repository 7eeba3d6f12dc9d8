import Foundation
import MeterKit
import Testing

@Suite struct ISO8601UTCTests {
    @Test func writesWhatFoundationsISO8601FormatWritesForWholeFractionalAndEarlyInstants() {
        // Whole seconds, fractions (rounded down by both), a leap day, before 1970, and year 1
        // (Julian in Foundation, so ISO8601UTC hands it over).
        let instants = [0, 1_772_323_200, 1_772_323_200.999, 1_709_164_799.5, 951_782_400, -86_399.5, -1, -62_135_596_800]
            .map(Date.init(timeIntervalSince1970:))
        for instant in instants {
            #expect(ISO8601UTC.string(instant) == instant.formatted(.iso8601))
        }
    }

    @Test func aQuarterHourAfterMarchFirstIsWrittenInFull() {
        // 1_772_323_200 s = 20_513 days since 1970-01-01 = 2026-03-01; + 900 s = 00:15:00.
        #expect(ISO8601UTC.string(Date(timeIntervalSince1970: 1_772_323_200 + 900)) == "2026-03-01T00:15:00Z")
    }

    @Test func readsBackWhatItWritesAndAgreesWithFoundationsParser() throws {
        // 2024-02-29T23:59:59Z: 19_782 days (2024-02-29) x 86_400 + 86_399 = 1_709_251_199.
        #expect(ISO8601UTC.instant("2024-02-29T23:59:59Z") == Date(timeIntervalSince1970: 1_709_251_199))
        for seconds in [0, 1_772_323_200 + 900, 951_782_400, 1_709_251_199] as [TimeInterval] {
            let text = ISO8601UTC.string(Date(timeIntervalSince1970: seconds))
            #expect(ISO8601UTC.instant(text) == Date(timeIntervalSince1970: seconds))
            #expect(ISO8601UTC.instant(text) == (try Date(text, strategy: .iso8601)))
        }
    }

    @Test func refusesEverythingButTheOneSpelling() {
        let refused = ["2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T00:60:00Z",
                       "2025-01-01T00:00:00", "2025-01-01T00:00:00+01:00", "2025-01-01 00:00:00Z", "2025-01-0AT00:00:00Z", ""]
        for text in refused {
            #expect(ISO8601UTC.instant(text) == nil, "\(text)")
        }
    }
}
