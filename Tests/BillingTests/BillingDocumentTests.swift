import Billing
import Foundation
import Testing

/// The stored billing document is JSONEncoder's text of the Codable form with sorted keys,
/// whoever writes it: documents stored by earlier versions must compare equal byte for byte.
@Suite struct BillingDocumentTests {
    static let start = Date(timeIntervalSince1970: 1_765_000_800)  // 2025-12-06T06:00:00Z

    static var full: BillingDeterminants {
        BillingDeterminants(
            version: 3, meterID: "meter/\"7\"\\\n\t\u{1}é", tariffID: "four-band-tou", cycleStart: start, cycleEnd: start + 31 * 86_400,
            cycleFirstDay: "2025-12-06", cycleLastDay: "2026-01-05", intervalSeconds: 900,
            startRead: RegisterReading(valueWh: 965_000_000.5, readAt: start + 7.75), endRead: RegisterReading(valueWh: 1e21, readAt: start + 31 * 86_400 + 7),
            totalEnergyWh: 0.1 + 0.2,
            energyByBand: [BandEnergy(band: "peak", energyWh: 0), BandEnergy(band: "night", energyWh: -0.0), BandEnergy(band: "day", energyWh: 1e-7)],
            energyByBlock: [BlockEnergy(block: 1, band: "peak", fromWh: 0, toWh: 100_000, energyWh: 12.5),
                            BlockEnergy(block: 2, band: nil, fromWh: 100_000, toWh: nil, energyWh: 123_456_789.123)],
            demandWindowMinutes: 30, demandMethod: .rolling, maxDemand: DemandPeak(demandW: 28_880, windowStart: start + 3600),
            maxDemandByBand: [BandDemand(band: "peak", peak: nil), BandDemand(band: "day", peak: DemandPeak(demandW: 1.0 / 3, windowStart: start))],
            loadFactor: 0.02152957733893307, intervalsExpected: 2976, intervalsPresent: 126, intervalsEstimated: 2, intervalsMissing: 2850,
            estimatedIntervalStarts: [start + 900, Date(timeIntervalSince1970: -86_399.5)])
    }

    static func reference(_ determinants: BillingDeterminants) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(determinants), as: UTF8.self)
    }

    @Test func theDocumentIsJSONEncodersSortedKeyTextWithEveryOptionalPresent() throws {
        #expect(try Self.full.jsonDocument() == Self.reference(Self.full))
    }

    @Test func theDocumentIsJSONEncodersSortedKeyTextWithEveryOptionalAbsent() throws {
        var bare = Self.full
        bare.startRead = nil
        bare.endRead = nil
        bare.maxDemand = nil
        bare.loadFactor = nil
        bare.energyByBand = []
        bare.energyByBlock = []
        bare.maxDemandByBand = []
        bare.estimatedIntervalStarts = []
        #expect(try bare.jsonDocument() == Self.reference(bare))
    }

    @Test func aNumberThatIsNotJSONIsRefusedAsJSONEncoderRefusesIt() {
        var broken = Self.full
        broken.loadFactor = .nan
        #expect(throws: EncodingError.self) { try broken.jsonDocument() }
    }
}
