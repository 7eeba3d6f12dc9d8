import DeviceProfiles
import MeterKit
import Testing

/// Broken `sunspec`, `probe` and `phases` sections are rejected with file, line and key
/// path; the line numbers count the lines of each literal from 1.
@Suite("Discovery key errors")
struct DiscoveryErrorTests {
    /// A valid SunSpec profile; tests append or swap lines. Lines: 1 manufacturer, 2 model,
    /// 3 sunspec, 4 defaults, 5 `points:`, 6 voltage.l1, 7 energy.import.total.
    static let sunSpecProfile = """
        manufacturer: SunSpec
        model: "203"
        sunspec: { model: 203, length: 105 }
        defaults: { kind: holding, type: i16 }
        points:
          voltage.l1: { address: 8, unit: V, scale_register: 15 }
          energy.import.total: { address: 46, type: acc32, unit: Wh, scale_register: 54 }

        """

    @Test("the valid literals load, so each failure below is the one change")
    func baselinesLoad() throws {
        let scratch = try Scratch(["ss": Self.sunSpecProfile, "plain": minimalProfile + "phases: 1\n"])
        defer { scratch.remove() }
        #expect(try scratch.catalog.load("ss").probe == .sunSpecModel(203))
        #expect(try scratch.catalog.load("plain").phases == 1)
    }

    @Test("phases outside 1...3 is rejected at the key")
    func phasesOutOfRange() throws {
        try expectError(minimalProfile + "phases: 4\n", line: 7, keyPath: "phases", contains: ["phases 4 is outside 1...3"])
        try expectError(minimalProfile + "phases: 0\n", line: 7, keyPath: "phases", contains: ["outside 1...3"])
        try expectError(minimalProfile + "phases: three\n", line: 7, keyPath: "phases", contains: ["expected a decimal or 0x hex integer"])
    }

    @Test("a probe on an identification field the profile does not map is rejected")
    func probeOnUnmappedField() throws {
        try expectError(minimalProfile + "probe: { field: model, equals: 0x0070 }\n", line: 7, keyPath: "probe.field",
                        contains: ["identification.model", "does not map to a register"])
        // A constant is not a register either.
        let constant = minimalProfile + "identification:\n  model: { constant: T1 }\nprobe: { field: model, equals: T1 }\n"
        try expectError(constant, line: 9, keyPath: "probe.field", contains: ["does not map to a register"])
        try expectError(minimalProfile + "probe: { field: colour, equals: 1 }\n", line: 7, keyPath: "probe.field",
                        contains: ["unknown identification field 'colour'", "manufacturer, model, serial, firmware"])
    }

    @Test("a probe on a point the profile does not map is rejected")
    func probeOnUnmappedPoint() throws {
        try expectError(minimalProfile + "probe: { point: frequency, within: [45, 65] }\n", line: 7, keyPath: "probe.point",
                        contains: ["the probe reads point 'frequency', which the profile does not map"])
    }

    @Test("a malformed probe is rejected at the offending key")
    func malformedProbe() throws {
        let withModel = minimalProfile + "identification:\n  model: { kind: holding, address: 0xFC02, type: u16 }\n"
        try expectError(withModel + "probe: { field: model }\n", line: 9, keyPath: "probe.equals",
                        contains: ["missing required key 'equals'"])
        try expectError(withModel + "probe: { field: model, equals: SDM630 }\n", line: 9, keyPath: "probe.equals",
                        contains: ["expected a decimal or 0x hex integer"])
        try expectError(minimalProfile + "probe: { point: energy.import.total, within: [5] }\n", line: 7,
                        keyPath: "probe.within", contains: ["within takes two numbers"])
        try expectError(minimalProfile + "probe: { point: energy.import.total, within: [10, 1] }\n", line: 7,
                        keyPath: "probe.within", contains: ["is empty"])
        try expectError(minimalProfile + "probe: { point: energy.import.total, equals: 3 }\n", line: 7,
                        keyPath: "probe.equals", contains: ["equals goes with field, not point"])
        try expectError(minimalProfile + "probe: { point: energy.import.total, within: [0, 1], colour: x }\n", line: 7,
                        keyPath: "probe.colour", contains: ["unknown key 'colour'"])
    }

    @Test("a probe together with sunspec is rejected: the model id is the probe")
    func probeWithSunSpec() throws {
        try expectError(Self.sunSpecProfile + "probe: { point: voltage.l1, within: [100, 300] }\n", line: 8, keyPath: "probe",
                        contains: ["a sunspec profile takes no probe", "model id is the probe"])
    }

    @Test("clock and load_profile together with sunspec are rejected")
    func clockWithSunSpec() throws {
        try expectError(Self.sunSpecProfile + "clock: { address: 90, type: u32 }\n", line: 8, keyPath: "clock",
                        contains: ["a sunspec profile takes no clock"])
    }

    @Test("a point past the end of the model is rejected, naming the model's last offset")
    func offsetPastModel() throws {
        // acc32 at 106 occupies 106-107, but model 203 (length 105) ends at offset 2 + 105 - 1 = 106.
        let yaml = Self.sunSpecProfile.replacingOccurrences(of: "address: 46, type: acc32", with: "address: 106, type: acc32")
        try expectError(yaml, line: 7, keyPath: "points.energy.import.total",
                        contains: ["offset 106 runs past model 203", "ends at offset 106"])
        // The same offset fits the float model's 124 registers.
        let scratch = try Scratch(["ok": yaml.replacingOccurrences(of: "length: 105", with: "length: 124")])
        defer { scratch.remove() }
        #expect(try scratch.catalog.load("ok").point(.energyImportTotal)?.location.address == 106)
    }

    @Test("a scale register outside the model is rejected")
    func scaleRegisterPastModel() throws {
        let yaml = Self.sunSpecProfile.replacingOccurrences(of: "scale_register: 54", with: "scale_register: 107")
        try expectError(yaml, line: 7, keyPath: "points.energy.import.total",
                        contains: ["scale_register offset 107 is outside model 203"])
    }

    @Test("a SunSpec point in input registers is rejected")
    func sunSpecInputRegister() throws {
        let yaml = Self.sunSpecProfile.replacingOccurrences(of: "voltage.l1: { address: 8,", with: "voltage.l1: { kind: input, address: 8,")
        try expectError(yaml, line: 6, keyPath: "points.voltage.l1", contains: ["SunSpec models are in holding registers"])
    }

    @Test("a SunSpec identification register past the common model is rejected")
    func identificationPastCommonModel() throws {
        // SN is 16 registers from 50; starting it at 60 would end at 75, past the common
        // model's 2 + 66 registers.
        let yaml = Self.sunSpecProfile + "identification:\n  serial: { address: 60, type: ascii, length: 16 }\n"
        try expectError(yaml, line: 9, keyPath: "identification.serial",
                        contains: ["offset in the common model (below 68)"])
    }

    @Test("sunspec model and length are range-checked and required")
    func sunSpecKeys() throws {
        try expectError(Self.sunSpecProfile.replacingOccurrences(of: "length: 105", with: "length: 0"), line: 3,
                        keyPath: "sunspec.length", contains: ["length 0 is outside 1...65535"])
        try expectError(Self.sunSpecProfile.replacingOccurrences(of: "model: 203, ", with: ""), line: 3,
                        keyPath: "sunspec.model", contains: ["missing required key 'model'"])
        try expectError(Self.sunSpecProfile.replacingOccurrences(of: "length: 105", with: "length: 105, base: 40000"), line: 3,
                        keyPath: "sunspec.base", contains: ["unknown key 'base'"])
    }
}
