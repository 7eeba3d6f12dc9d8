import Billing
import Foundation
import Intervals
import TariffFiles
import Testing
import YAMLSupport

@Suite struct ShippedTariffsTests {
    @Test func everyShippedTariffFileLoadsAndValidates() throws {
        let catalog = try TariffCatalog(directory: Repository.tariffs)
        #expect(catalog.ids == ["block-flat", "four-part-tou", "holiday-hv-a", "hv-tou", "residential-tou", "tod-a", "tod-b",
                                "two-part-tou"])
    }

    @Test func hvTouHasTheBriefsBandsAndThirtyMinuteBlockDemand() throws {
        let tariff = try Repository.tariff("hv-tou")
        #expect(tariff.bands == ["peak", "daytime", "night"])
        #expect(tariff.seasons.map(\.name) == ["summer", "other"])
        #expect(tariff.demand == DemandRule(windowMinutes: 30, method: .block))
        let calendar = TariffCalendar(tariff: tariff, days: LocalDays(timeZone: tokyo))
        // Thursday 2025-07-03: summer weekday.
        #expect(calendar.position(of: local("2025-07-03 13:00", tokyo)).band == "peak")
        #expect(calendar.position(of: local("2025-07-03 12:59", tokyo)).band == "daytime")
        #expect(calendar.position(of: local("2025-07-03 16:00", tokyo)).band == "daytime")
        #expect(calendar.position(of: local("2025-07-03 22:00", tokyo)).band == "night")
        #expect(calendar.position(of: local("2025-07-03 07:45", tokyo)).band == "night")
        // Thursday 2025-10-02: other season, no peak.
        #expect(calendar.position(of: local("2025-10-02 14:00", tokyo)).band == "daytime")
        // Friday 2027-01-01 is in the New Year period, a holiday: night all day; Monday 01-04 is not.
        let newYear = calendar.position(of: local("2027-01-01 14:00", tokyo))
        #expect(newYear.dayKind == .holiday && newYear.band == "night")
        #expect(calendar.position(of: local("2027-01-04 14:00", tokyo)).band == "daytime")
    }

    @Test func unknownTariffIdSuggestsCloseIds() throws {
        let catalog = try TariffCatalog(directory: Repository.tariffs)
        #expect(throws: SourceError.self) { try catalog.tariff(id: "hv-tuo") }
        do {
            _ = try catalog.tariff(id: "hv-tuo")
        } catch {
            #expect(error.message.contains("did you mean hv-tou"))
        }
    }
}

@Suite struct TariffReadmeTests {
    @Test func theReadmeExampleIsAValidTariff() throws {
        let readme = try String(contentsOf: Repository.tariffs.appendingPathComponent("README.md"), encoding: .utf8)
        let afterFence = try #require(readme.components(separatedBy: "```yaml\n").dropFirst().first)
        let yaml = try #require(afterFence.components(separatedBy: "```").first)
        let tariff = try TariffParser.parse(yaml: yaml, id: "readme", file: "tariffs/README.md")
        #expect(tariff.bands == ["peak", "daytime", "night"])
        #expect(tariff.blocks == EnergyBlocks(band: "daytime", upperBoundsKWh: [500, 1000]))
        #expect(tariff.rates.count == 2)
    }
}
