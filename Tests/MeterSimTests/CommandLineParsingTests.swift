import Foundation
import MeterKit
import Testing
@testable import MeterSim

/// `meter-sim --units` groups and `--fault` specs, parsed by plain library types.
@Suite("Command-line parsing")
struct CommandLineParsingTests {
    /// The one-line message of the `MeterSetupError` the body throws (nil if it succeeds).
    func error(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as MeterSetupError { return error.description } catch { return "unexpected \(error)" }
        return nil
    }

    @Test("unit groups give each unit its profile, and groups without one the default")
    func unitGroupsAssignProfiles() throws {
        let groups = try UnitGroups(parsing: "1-3:sdm630,7:sdm120,12:sunspec-203")
        #expect(groups.units == [1, 2, 3, 7, 12])
        #expect(groups.profiles(default: "metergate-sim")
                == [1: "sdm630", 2: "sdm630", 3: "sdm630", 7: "sdm120", 12: "sunspec-203"])
        // The old spelling still reads as it did: every unit with the default profile.
        let plain = try UnitGroups(parsing: "1,3,7-9")
        #expect(plain.profiles(default: "sdm630") == [1: "sdm630", 3: "sdm630", 7: "sdm630", 8: "sdm630", 9: "sdm630"])
        // A comma ends a group: unit 1 has the default, unit 3 its own.
        #expect(try UnitGroups(parsing: "1,3:sdm120").profiles(default: "sdm630") == [1: "sdm630", 3: "sdm120"])
        #expect(try UnitGroups(parsing: "5:./my profiles/x.yaml").profiles(default: "d") == [5: "./my profiles/x.yaml"])
    }

    @Test("overlapping groups, empty profiles and bad units are one-line errors naming the problem")
    func unitGroupErrors() {
        #expect(error { _ = try UnitGroups(parsing: "1-3:sdm630,3:sdm120") }
                == "--units '1-3:sdm630,3:sdm120': unit 3 is in two groups, '1-3:sdm630' and '3:sdm120'")
        #expect(error { _ = try UnitGroups(parsing: "1-3:") } == "--units '1-3:': '1-3:' names no profile after ':'")
        #expect(error { _ = try UnitGroups(parsing: "0-3:sdm630") }?.hasPrefix("--units '0-3:sdm630': '0-3:sdm630' is not UNITS[:PROFILE]") == true)
        #expect(error { _ = try UnitGroups(parsing: "1,,2") }?.contains("an empty group") == true)
        #expect(error { _ = try UnitGroups(parsing: "1-3,2") }?.contains("unit 2 is in two groups") == true)
    }

    @Test("the startup summary lists units per profile, lowest unit first")
    func summaryListsProfiles() {
        let ids: [UInt8: String] = [1: "sdm630", 2: "sdm630", 3: "sdm630", 7: "sdm120", 9: "sdm630", 12: "sunspec-203"]
        #expect(UnitGroups.summary(ids) == "1-3,9 sdm630, 7 sdm120, 12 sunspec-203")
        #expect(UnitGroups.ranges([1, 2, 3, 5, 7, 8]) == "1-3,5,7-8")
    }

    @Test("every fault kind parses to its value")
    func faultKinds() throws {
        #expect(try SetupFault(parsing: "1-3:reversed-ct=2").kind == .reversedCT(phase: 2))
        #expect(try SetupFault(parsing: "1-3:reversed-ct=2").units.units == [1, 2, 3])
        #expect(try SetupFault(parsing: "4:missing-phase=3").kind == .missingPhase(3))
        #expect(try SetupFault(parsing: "4:ct-ratio=200").kind == .programmedCTRatio(200))
        #expect(try SetupFault(parsing: "1,5:clock-offset=+90").kind == .clockOffset(90))
        #expect(try SetupFault(parsing: "1,5:clock-offset=+90").units.units == [1, 5])
        #expect(try SetupFault(parsing: "5:clock-offset=-90").kind == .clockOffset(-90))
        #expect(try SetupFault(parsing: "5:clock-drift=-35.5").kind == .clockDrift(ppm: -35.5))
    }

    @Test("bad fault values are one-line errors naming the option and the value")
    func faultErrors() {
        #expect(error { _ = try SetupFault(parsing: "2:reversed-ct=4") } == "--fault '2:reversed-ct=4': reversed-ct '4' must be phase 1, 2 or 3")
        #expect(error { _ = try SetupFault(parsing: "2:missing-phase=L1") } == "--fault '2:missing-phase=L1': missing-phase 'L1' must be phase 1, 2 or 3")
        #expect(error { _ = try SetupFault(parsing: "2:ct-ratio=0") } == "--fault '2:ct-ratio=0': ct-ratio '0' must be a ratio above 0 and at most 1000000")
        #expect(error { _ = try SetupFault(parsing: "2:clock-offset=soon") } == "--fault '2:clock-offset=soon': clock-offset 'soon' must be signed seconds, e.g. +90 or -90")
        #expect(error { _ = try SetupFault(parsing: "2:clock-drift=1e9") } == "--fault '2:clock-drift=1e9': clock-drift '1e9' must be ppm within -100000...100000")
        #expect(error { _ = try SetupFault(parsing: "2:upside-down=1") }?.hasPrefix("--fault '2:upside-down=1': unknown kind 'upside-down'; expected reversed-ct=PHASE") == true)
        #expect(error { _ = try SetupFault(parsing: "2:reversed-ct") }?.hasPrefix("--fault '2:reversed-ct': 'reversed-ct' needs a value") == true)
        #expect(error { _ = try SetupFault(parsing: "reversed-ct=2") }?.hasPrefix("--fault 'reversed-ct=2' must be UNITS:KIND=VALUE") == true)
        #expect(error { _ = try SetupFault(parsing: "0:reversed-ct=2") }?.hasPrefix("--fault '0:reversed-ct=2': '0' is outside 1-247") == true)
    }

    @Test("faults go into the named meters' configurations, and only there")
    func faultsApplyToNamedMeters() throws {
        var configurations = MeterFleet.configurations(seed: 1, addresses: [1, 2, 3], clockAnchor: Fixtures.utc("2026-01-05T00:00:00Z"))
        let drawn = configurations.map(\.clockOffset)
        let faults = try ["2:reversed-ct=2", "2-3:missing-phase=1", "3:ct-ratio=50", "1:clock-offset=-90", "1:clock-drift=12"]
            .map(SetupFault.init(parsing:))
        try SetupFault.apply(faults, to: &configurations)
        #expect(configurations[0].wiring == .correct && configurations[0].clockOffset == -90 && configurations[0].clockDriftPPM == 12)
        #expect(configurations[1].wiring == WiringFaults(reversedCTPhases: [2], missingPhases: [1]))
        #expect(configurations[1].clockOffset == drawn[1])  // the drawn offset stays where no fault replaces it
        #expect(configurations[2].wiring == WiringFaults(missingPhases: [1], programmedCTRatio: 50))
    }

    @Test("a fault on a unit that is not emulated, or on a phase the meter lacks, is refused")
    func faultsMustFitTheFleet() throws {
        var configurations = MeterFleet.configurations(seed: 1, addresses: [1, 7], clockAnchor: Fixtures.utc("2026-01-05T00:00:00Z"))
        configurations[1].phases = 1  // unit 7 serves a single-phase profile
        #expect(error { try SetupFault.apply([try SetupFault(parsing: "9:missing-phase=1")], to: &configurations) }
                == "--fault '9:missing-phase=1': unit 9 is not emulated (see --units)")
        #expect(error { try SetupFault.apply([try SetupFault(parsing: "7:reversed-ct=3")], to: &configurations) }
                == "--fault '7:reversed-ct=3': unit 7 measures 1 phase, so it has no phase 3")
        try SetupFault.apply([try SetupFault(parsing: "7:reversed-ct=1")], to: &configurations)
        #expect(configurations[1].wiring.reversedCTPhases == [1])
    }
}
