import DeviceProfiles
import MeterKit
import Testing

/// What a bus scan relies on: every shipped profile has a probe, the probes tell the
/// families apart, and each profile says how many phases commissioning should find live.
@Suite("Shipped probes and phases")
struct ShippedProbesTests {
    private var all: [DeviceProfile] {
        get throws { try ShippedProfilesTests.shippedStems.map(Repository.profile) }
    }

    @Test("Eastron probes read the meter code register and expect the code Eastron documents per model")
    func eastronMeterCodes() throws {
        // SDM630 00 70 (Tinkerforge evse-v2-bricklet sdm.c; Telekatz/venus.dbus-modbus-eastron
        // Eastron.py: 112), SDM120 00 20 (Eastron SDM120 protocol V2.4/V2.5: "Meter code = 00 20"),
        // SDM72D-M-2 00 89 (SDM72DM-V2 user manual V1.1: "Meter code SDM72D-M = 00 89").
        // Codes compare in decimal.
        let expected = ["sdm630": "112", "sdm120": "32", "sdm72": "137"]
        for (stem, code) in expected {
            let profile = try Repository.profile(stem)
            #expect(profile.probe == .identification(.model, equals: code), "\(stem)")
        }
        #expect(Set(expected.values).count == expected.count, "two Eastron models expect the same code")
    }

    @Test("the emulator is recognised by the text of its ascii model register")
    func simulatorProbe() throws {
        let profile = try Repository.profile("metergate-sim")
        #expect(profile.probe == .identification(.model, equals: "SIM-3P"))
        #expect(profile.probe?.isExact == true)
    }

    @Test("no two non-SunSpec exact probes expect the same value from the same register")
    func exactProbesAreDistinguishable() throws {
        let exact = try all.filter { $0.sunSpec == nil && $0.probe?.isExact == true }
        #expect(Set(exact.map(\.id)) == ["metergate-sim", "sdm120", "sdm630", "sdm72"])
        for (index, first) in exact.enumerated() {
            for second in exact[(index + 1)...] {
                let a = try signature(first), b = try signature(second)
                // Different registers (or a text against a number) answer differently on
                // any meter; the same register must expect different values.
                if a.location == b.location {
                    #expect(a.value != b.value, "\(first.id) and \(second.id) expect \(a.value) at \(a.location)")
                }
            }
        }
    }

    /// The register an identification probe reads and the value it expects there.
    private func signature(_ profile: DeviceProfile) throws -> (location: RegisterLocation, value: String) {
        guard case .identification(let field, let value)? = profile.probe,
              case .register(let location)? = profile.identification[field] else {
            Issue.record("\(profile.id): probe is not an identification register")
            throw ProbeShapeError()
        }
        return (location, value)
    }

    private struct ProbeShapeError: Error {}

    @Test("SunSpec profiles are identified by their model id, which no two share")
    func sunSpecProbes() throws {
        let sunSpec = try all.filter { $0.sunSpec != nil }
        #expect(sunSpec.count == 8)
        for profile in sunSpec {
            let model = try #require(profile.sunSpec?.model)
            #expect(profile.probe == .sunSpecModel(model), "\(profile.id)")
            #expect(profile.id == "sunspec-\(model)")
        }
        #expect(Set(sunSpec.compactMap(\.sunSpec?.model)) == [201, 202, 203, 204, 211, 212, 213, 214])
    }

    @Test("only the generic energy counter relies on a plausibility probe, so scans try it last")
    func genericEnergyIsTheOnlyPlausibilityProbe() throws {
        let weak = try all.filter { $0.probe?.isExact == false }
        #expect(weak.map(\.id) == ["generic-energy"])
        let generic = try Repository.profile("generic-energy")
        // Up to 1 GWh in kWh, the canonical unit of energy.import.total.
        #expect(generic.probe == .point(.energyImportTotal, within: 0...1_000_000))
        #expect(generic.points.map(\.name) == [.energyImportTotal])
        #expect(generic.point(.energyImportTotal)?.location == RegisterLocation(kind: .holding, address: 0, type: .u32))
        #expect(generic.point(.energyImportTotal)?.unit == .wattHour)
        #expect(generic.phases == nil)
        #expect(generic.identification.isEmpty)
    }

    @Test("each profile declares the phases it measures", arguments: [
        ("sdm630", 3), ("sdm120", 1), ("sdm72", 3), ("metergate-sim", 3),
        ("sunspec-201", 1), ("sunspec-202", 2), ("sunspec-203", 3), ("sunspec-204", 3),
        ("sunspec-211", 1), ("sunspec-212", 2), ("sunspec-213", 3), ("sunspec-214", 3),
    ])
    func phases(stem: String, phases: Int) throws {
        #expect(try Repository.profile(stem).phases == phases)
    }

    @Test("a profile maps per-phase points only for the phases it declares")
    func perPhasePointsMatchPhases() throws {
        let second: Set<PointName> = [.voltageL2, .currentL2, .powerActiveL2, .powerFactorL2, .voltageL1L2]
        let third: Set<PointName> = [.voltageL3, .currentL3, .powerActiveL3, .powerFactorL3, .voltageL2L3, .voltageL3L1]
        for profile in try all {
            let names = Set(profile.points.map(\.name))
            switch profile.phases {
            case 1?: #expect(names.isDisjoint(with: second.union(third)), "\(profile.id)")
            case 2?: #expect(names.isDisjoint(with: third), "\(profile.id)")
            default: break
            }
        }
    }
}
