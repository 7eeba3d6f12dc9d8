import Foundation
import Testing
@testable import MeterKit

@Suite struct LoadProfileLayoutTests {
    @Test func recordRoundTripsThroughItsSevenRegisters() throws {
        // 2026-01-06T00:00:00Z = 1767657600 = 0x695C_5080; 1234 Wh = 0x0000_04D2.
        let record = LoadProfileRecord(intervalStart: 1_767_657_600, importWh: 1234, exportWh: 70_000, status: [.powerDown, .clockAdjusted])
        #expect(record.registers == [0x695C, 0x5080, 0x0000, 0x04D2, 0x0001, 0x1170, 0x0003])
        #expect(LoadProfileRecord(registers: record.registers) == record)
    }

    @Test func emptySlotDecodesToNoRecord() {
        #expect(LoadProfileRecord(registers: [UInt16](repeating: 0, count: 7)) == nil)
        #expect(LoadProfileRecord(registers: [1, 2, 3]) == nil)
    }

    @Test func slotFollowsIntervalNumberModuloCapacity() {
        let window = LoadProfileWindow(kind: .input, headerAddress: 0x1000, recordsAddress: 0x1010, capacity: 6144, intervalSeconds: 900)
        // 1767657600 / 900 = 1964064 intervals since 1970; 1964064 mod 6144 = 4128 (6144 × 319 = 1959936).
        #expect(window.slot(forIntervalStart: 1_767_657_600) == 4128)
        // Slot 4128 starts at 0x1010 + 4128 × 7 = 4112 + 28896 = 33008 = 0x80F0.
        #expect(window.address(ofSlot: 4128) == 0x80F0)
        #expect(window.slot(forIntervalStart: -900) == 6143)
    }
}

@Suite struct TimeBaseTests {
    @Test func simulatedTimeRunsSpeedTimesFasterFromTheOrigin() {
        let start = Date(timeIntervalSince1970: 1_767_571_200)  // 2026-01-05T00:00:00Z
        let base = TimeBase(start: start, wallOrigin: Date(timeIntervalSince1970: 1_000), speed: 96)
        // 15 wall minutes at x96 = 86,400 simulated seconds: one day.
        #expect(base.simulatedTime(atWall: Date(timeIntervalSince1970: 1_000 + 900)) == start + 86_400)
        #expect(base.wallTime(atSimulated: start + 86_400) == Date(timeIntervalSince1970: 1_900))
    }

    @Test func fileFormRoundTrips() throws {
        let base = TimeBase(start: Date(timeIntervalSince1970: 1_767_571_200), wallOrigin: Date(timeIntervalSince1970: 1_795_000_000.25), speed: 96)
        #expect(try TimeBase.decode(base.encoded()) == base)
    }

    @Test func acceleratedClockReadsItsInjectedWallClock() {
        let wall = FixedClock(Date(timeIntervalSince1970: 2_000))
        let clock = AcceleratedClock(timeBase: TimeBase(start: Date(timeIntervalSince1970: 0), wallOrigin: Date(timeIntervalSince1970: 1_000), speed: 4), wall: wall)
        #expect(clock.now() == Date(timeIntervalSince1970: 4_000))
        wall.advance(by: 10)
        #expect(clock.now() == Date(timeIntervalSince1970: 4_040))
    }
}

@Suite struct UnitSelectionTests {
    @Test func parsesRangesAndListsAndPrintsThemBack() throws {
        let selection = try UnitSelection(parsing: "7-9, 1,3,2")
        #expect(selection.units == [1, 2, 3, 7, 8, 9])
        #expect(selection.description == "1-3,7-9")
    }

    @Test(arguments: ["0", "248", "5-3", "x", "1-", ""])
    func rejectsWhatIsNotAUnitId(text: String) {
        #expect(throws: UnitSelectionError.self) { try UnitSelection(parsing: text) }
    }
}

@Suite struct MeasurementUnitTests {
    @Test func convertsToTheCanonicalUnitOfEachDimension() {
        #expect(MeasurementUnit.wattHour.factor(to: .kilowattHour) == 0.001)
        #expect(MeasurementUnit.megawattHour.factor(to: .kilowattHour) == 1_000)
        #expect(MeasurementUnit.kilowatt.factor(to: .watt) == 1_000)
        #expect(PointName.energyImportTotal.canonicalUnit == .kilowattHour)
        #expect(PointName.energyImportTotal.isCumulative && !PointName.voltageL1.isCumulative)
    }
}
