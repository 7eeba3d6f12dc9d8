import DeviceProfiles
import Foundation
import MeterKit
import Testing

/// Every rejected profile names file, line and key path in one line; the line numbers
/// below count the lines of each literal from 1.
@Suite("Profile errors")
struct ProfileErrorTests {
    @Test("an unknown top-level key is rejected at its line with the accepted keys listed")
    func unknownTopLevelKey() throws {
        try expectError(minimalProfile + "colour: blue\n", line: 7, keyPath: "colour",
                        contains: ["unknown key 'colour'", "manufacturer, model"])
    }

    @Test("an unknown point name suggests close vocabulary names")
    func unknownPointName() throws {
        try expectError(minimalProfile + "  voltage.l4: { address: 0x0010, unit: V }\n", line: 7, keyPath: "points.voltage.l4",
                        contains: ["unknown point name 'voltage.l4'", "did you mean voltage.l1, voltage.l2, voltage.l3?"])
        try expectError(minimalProfile + "  energy.import: { address: 0x0010, unit: kWh }\n", line: 7,
                        keyPath: "points.energy.import", contains: ["did you mean energy.import.total"])
    }

    @Test("an unknown key inside a point is rejected with a suggestion")
    func unknownPointKey() throws {
        try expectError(minimalProfile + "  frequency: { adress: 0x0046, unit: Hz }\n", line: 7, keyPath: "points.frequency.adress",
                        contains: ["unknown key 'adress' (did you mean address?)"])
    }

    @Test("an unknown type reads like the documented example, with the accepted types")
    func unknownType() throws {
        let yaml = minimalProfile + "  frequency: { address: 0x0046, type: flaot32, unit: Hz }\n"
        let error = try #require(try loadError(yaml))
        #expect(error.description == "devices/bad.yaml:7: points.frequency.type: unknown type 'flaot32' (did you mean float32?); "
            + "expected one of u16, i16, u32, i32, u64, i64, acc32, acc64, float32, float64, ascii")
    }

    @Test("unknown order, kind and unit are each rejected at their key")
    func unknownOrderKindUnit() throws {
        try expectError(minimalProfile + "  frequency: { address: 0x0046, order: ABDC, unit: Hz }\n", line: 7,
                        keyPath: "points.frequency.order", contains: ["unknown order 'ABDC'", "ABCD, CDAB, BADC, DCBA"])
        try expectError(minimalProfile + "  frequency: { kind: coil, address: 0x0046, unit: Hz }\n", line: 7,
                        keyPath: "points.frequency.kind", contains: ["unknown kind 'coil'", "holding, input"])
        try expectError(minimalProfile + "  frequency: { address: 0x0046, unit: hz }\n", line: 7,
                        keyPath: "points.frequency.unit", contains: ["unknown unit 'hz' (did you mean Hz?)"])
    }

    @Test("a unit of another dimension than the point's canonical unit is rejected")
    func unitDimensionMismatch() throws {
        let yaml = minimalProfile.replacingOccurrences(of: "0x0048, unit: kWh", with: "0x0048, unit: V")
        try expectError(yaml, line: 6, keyPath: "points.energy.import.total.unit",
                        contains: ["unit V measures voltage", "energy.import.total is active energy", "kWh"])
    }

    @Test("points overlapping in one register table are rejected, naming both")
    func overlappingPoints() throws {
        try expectError(minimalProfile + "  voltage.l2: { address: 0x0001, unit: V }\n", line: 7, keyPath: "points.voltage.l2",
                        contains: ["input registers 0x0001...0x0002 overlap points.voltage.l1 (line 5) at 0x0000...0x0001"])
    }

    @Test("the same address in the other register table is no overlap")
    func sameAddressOtherTable() throws {
        let scratch = try Scratch(["ok": minimalProfile + "  voltage.l2: { kind: holding, address: 0x0000, unit: V }\n"])
        defer { scratch.remove() }
        #expect(try scratch.catalog.load("ok").point(.voltageL2)?.location.kind == .holding)
    }

    @Test("an identification register overlapping a point is rejected")
    func identificationOverlapsPoint() throws {
        let yaml = minimalProfile + "identification:\n  serial: { address: 0x0049, type: u32 }\n"
        try expectError(yaml, line: 6, keyPath: "points.energy.import.total", contains: ["overlap identification.serial (line 8)"])
    }

    @Test("ascii without length is rejected at the entry")
    func asciiWithoutLength() throws {
        let yaml = minimalProfile + "identification:\n  model: { kind: holding, address: 0x0100, type: ascii }\n"
        try expectError(yaml, line: 8, keyPath: "identification.model.length", contains: ["type ascii needs 'length'"])
    }

    @Test("length on a fixed-size type and ascii on a point are rejected")
    func misplacedLengthAndAsciiPoint() throws {
        try expectError(minimalProfile + "  frequency: { address: 0x0046, length: 2, unit: Hz }\n", line: 7,
                        keyPath: "points.frequency.length", contains: ["length applies only to type ascii"])
        try expectError(minimalProfile + "  frequency: { address: 0x0046, type: ascii, length: 2, unit: Hz }\n", line: 7,
                        keyPath: "points.frequency.type", contains: ["a point must be numeric"])
    }

    @Test("a missing required key is reported at the line of the entry that lacks it")
    func missingRequiredKeys() throws {
        try expectError(minimalProfile + "  frequency:\n    address: 0x0046\n", line: 7, keyPath: "points.frequency.unit",
                        contains: ["missing required key 'unit'"])
        try expectError(minimalProfile + "  frequency: { unit: Hz }\n", line: 7, keyPath: "points.frequency.address",
                        contains: ["missing required key 'address'"])
        try expectError("model: T1\npoints:\n  frequency: { kind: input, address: 0, type: u16, unit: Hz }\n", line: 1,
                        keyPath: "manufacturer", contains: ["missing required key 'manufacturer'"])
        let noDefaults = "manufacturer: Test\nmodel: T1\npoints:\n  frequency: { address: 0x0046, unit: Hz }\n"
        try expectError(noDefaults, line: 4, keyPath: "points.frequency.kind", contains: ["missing required key 'kind'", "defaults.kind"])
    }

    @Test("a YAML syntax error reports the line Yams gives")
    func yamlSyntaxError() throws {
        let yaml = minimalProfile + "  frequency: { address: 0x0046, unit: Hz\n  current.l1: { address: 6, unit: A }\n"
        let error = try #require(try loadError(yaml))
        #expect(error.description.hasPrefix("devices/bad.yaml:8: YAML syntax error: "))
        #expect(!error.description.contains("\n"))
        try expectError("manufacturer: Test\nmodel: [T1\n", line: 3, keyPath: "", contains: ["YAML syntax error"])
    }

    @Test("a duplicate point is reported at its second occurrence with its key path")
    func duplicatePoint() throws {
        try expectError(minimalProfile + "  voltage.l1: { address: 0x0010, unit: V }\n", line: 7, keyPath: "points.voltage.l1",
                        contains: ["duplicate key 'voltage.l1' (first defined on line 5)"])
    }

    @Test("a duplicate key inside a point is reported with its key path")
    func duplicateKeyInPoint() throws {
        let yaml = minimalProfile + "  frequency:\n    address: 0x0046\n    unit: Hz\n    address: 0x0047\n"
        try expectError(yaml, line: 10, keyPath: "points.frequency.address",
                        contains: ["duplicate key 'address' (first defined on line 8)"])
    }

    @Test("a load-profile window whose records run past 0xFFFF is rejected at capacity")
    func loadProfilePastAddressSpace() throws {
        let yaml = minimalProfile + "load_profile:\n  header: 0x1000\n  records: 0x1010\n  capacity: 9000\n  interval: 900\n"
        try expectError(yaml, line: 10, keyPath: "load_profile.capacity",
                        contains: ["9000 records of 7 registers", "past 0xFFFF", "at most 8774 fit"])
    }

    @Test("a load-profile header overlapping its records is rejected")
    func loadProfileHeaderOverlap() throws {
        let yaml = minimalProfile + "load_profile: { header: 0x1000, records: 0x1004, capacity: 10, interval: 900 }\n"
        try expectError(yaml, line: 7, keyPath: "load_profile.header", contains: ["overlaps the records"])
    }

    @Test("a load-profile interval that does not divide a day is rejected")
    func loadProfileInterval() throws {
        let yaml = minimalProfile + "load_profile: { header: 0x1000, records: 0x1010, capacity: 10, interval: 700 }\n"
        try expectError(yaml, line: 7, keyPath: "load_profile.interval", contains: ["does not divide a day"])
    }

    @Test("addresses must be 0...65535 and the whole value must fit below 0x10000")
    func addressRange() throws {
        try expectError(minimalProfile + "  frequency: { address: 0x10000, unit: Hz }\n", line: 7, keyPath: "points.frequency.address",
                        contains: ["address 0x10000 is outside 0...65535"])
        try expectError(minimalProfile + "  frequency: { address: 0xFFFF, unit: Hz }\n", line: 7, keyPath: "points.frequency.address",
                        contains: ["float32 at 0xFFFF occupies 2 registers and would run past 0xFFFF"])
        try expectError(minimalProfile + "  frequency: { address: 0x00G6, unit: Hz }\n", line: 7, keyPath: "points.frequency.address",
                        contains: ["expected a decimal or 0x hex integer, got '0x00G6'"])
    }

    @Test("scale and scale_register together are rejected")
    func scaleAndScaleRegister() throws {
        try expectError(minimalProfile + "  frequency: { address: 0x46, unit: Hz, scale: 0.1, scale_register: 0x50 }\n", line: 7,
                        keyPath: "points.frequency.scale_register", contains: ["either scale or scale_register"])
    }

    @Test("an empty file and a file that is not a mapping are rejected")
    func emptyOrNotMapping() throws {
        try expectError("# nothing here\n", line: nil, keyPath: "", contains: ["the file is empty"])
        try expectError("- voltage.l1\n", line: 1, keyPath: "", contains: ["expected a mapping, got a list"])
    }

    @Test("a clock must be a whole-seconds integer type")
    func clockType() throws {
        try expectError(minimalProfile + "clock: { kind: holding, address: 0x100, type: float32 }\n", line: 7,
                        keyPath: "clock.type", contains: ["expected u32, i32, u64 or i64"])
    }

    @Test("a file that is not UTF-8 text is rejected without a line")
    func notUTF8() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Data([0x61, 0x3A, 0x20, 0xC3, 0x28]).write(to: scratch.devices.appendingPathComponent("bin.yaml"))
        let error = try #require(throws: ProfileError.self) { try scratch.catalog.load("bin") }
        #expect(error.description == "devices/bin.yaml: the file is not UTF-8 text")
    }

    @Test("a message without a line or key path still reads as one line")
    func descriptionWithoutLine() {
        let error = ProfileError(file: "devices/x.yaml", message: "cannot read\nthe file")
        #expect(error.description == "devices/x.yaml: cannot read the file")
    }
}
