import Billing
import Foundation
import Exports
import Testing

@Suite struct BillingCSVTests {
    static let february1 = Date(timeIntervalSince1970: 1_769_904_000)  // 2026-02-01T00:00:00Z
    /// 2026-02-10T18:00Z: 9 days and 18 hours after February 1st (1_769_904_000 + 9 x 86_400 + 18 x 3600).
    static let peakWindow = Date(timeIntervalSince1970: 1_770_746_400)

    /// A second version of a February cycle under a two-band tariff with two energy blocks:
    /// a start read but no end read, and no demand window in the off-peak band.
    static var correctedFebruary: BillingDeterminants {
        BillingDeterminants(
            version: 2, meterID: "m-001", tariffID: "two-part-tou", cycleStart: february1, cycleEnd: Fixture.march1,
            cycleFirstDay: "2026-02-01", cycleLastDay: "2026-02-28", intervalSeconds: 900,
            startRead: RegisterReading(valueWh: 1_000_000, readAt: february1 + 7), endRead: nil,
            totalEnergyWh: 1200 + 3000.5,
            energyByBand: [BandEnergy(band: "peak", energyWh: 1200), BandEnergy(band: "off-peak", energyWh: 3000.5)],
            energyByBlock: [BlockEnergy(block: 1, band: nil, fromWh: 0, toWh: 4000, energyWh: 4000),
                            BlockEnergy(block: 2, band: nil, fromWh: 4000, toWh: nil, energyWh: 200.5)],
            demandWindowMinutes: 30, demandMethod: .block, maxDemand: DemandPeak(demandW: 2400, windowStart: peakWindow),
            maxDemandByBand: [BandDemand(band: "peak", peak: DemandPeak(demandW: 2400, windowStart: peakWindow)),
                              BandDemand(band: "off-peak", peak: nil)],
            // 4200.5 Wh / (2400 W x 28 days x 24 h = 1_612_800 Wh) = 0.0026044766...
            loadFactor: 4200.5 / (2400 * 28 * 24),
            // 28 days x 96 quarter hours = 2688; 2680 present, of which 3 estimated; 8 missing.
            intervalsExpected: 2688, intervalsPresent: 2680, intervalsEstimated: 3, intervalsMissing: 8,
            estimatedIntervalStarts: [])
    }

    @Test func writesOneRecordPerDeterminantWithTheCycleIdentityOnEach() {
        let lines = BillingCSV.encode([Self.correctedFebruary], gatewayID: "gw-1").split(separator: "\r\n", omittingEmptySubsequences: false)
        let identity = "gw-1,m-001,2026-02-01T00:00:00Z,2026-03-01T00:00:00Z,2,1,two-part-tou"
        #expect(lines.map(String.init) == [
            "gateway,meter,cycle_start,cycle_end,version,supersedes,tariff,determinant,band,block,value,unit,at",
            identity + ",register_start,,,1000000.000,Wh,2026-02-01T00:00:07Z",
            identity + ",register_end,,,,Wh,",
            identity + ",energy_import,,,4200.500,Wh,",  // 1200 + 3000.5
            identity + ",energy_band,peak,,1200.000,Wh,",
            identity + ",energy_band,off-peak,,3000.500,Wh,",
            identity + ",block,,1,4000.000,Wh,",
            identity + ",block,,2,200.500,Wh,",
            identity + ",demand_max,,,2400.000,W,2026-02-10T18:00:00Z",
            identity + ",demand_band,peak,,2400.000,W,2026-02-10T18:00:00Z",
            identity + ",demand_band,off-peak,,,W,",
            identity + ",load_factor,,,0.002604,,",  // 0.0026044766... to six decimals
            identity + ",intervals_expected,,,2688,intervals,",
            identity + ",intervals_present,,,2680,intervals,",
            identity + ",intervals_estimated,,,3,intervals,",
            identity + ",intervals_missing,,,8,intervals,",
            "",
        ])
    }

    @Test func aFirstVersionSupersedesNothingAndMissingDemandLeavesTheLoadFactorEmpty() {
        var first = Self.correctedFebruary
        first.version = 1
        first.maxDemand = nil
        first.loadFactor = nil
        let records = BillingCSV.records(first, gatewayID: "gw-1")
        #expect(records.allSatisfy { $0.hasPrefix("gw-1,m-001,2026-02-01T00:00:00Z,2026-03-01T00:00:00Z,1,,two-part-tou,") })
        #expect(records.contains { $0.hasSuffix(",demand_max,,,,W,") })
        #expect(records.contains { $0.hasSuffix(",load_factor,,,,,") })
    }

    @Test func quotesNamesWithCommasAsIntervalCSVDoes() {
        var odd = Self.correctedFebruary
        odd.meterID = "site \"A\", east"
        #expect(BillingCSV.records(odd, gatewayID: "gw-1")[0].hasPrefix("gw-1,\"site \"\"A\"\", east\",2026-02-01T00:00:00Z,"))
    }
}
