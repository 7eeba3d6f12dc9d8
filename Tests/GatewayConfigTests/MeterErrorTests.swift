import GatewayConfig
import Testing

/// Errors in `meters`: buses, units, ids and groups, metadata. Entries start on line 9 of
/// `withMeters` (see `header`: bus tcp-a on line 5, rs485-1 on line 6).
@Suite("Gateway configuration: meter errors")
struct MeterErrorTests {
    @Test("an unknown meter or metadata key is rejected with the closest known key")
    func unknownKeys() {
        #expect(parseError(withMeters("  - { id: m-1, bus: tcp-a, unit: 1, profile: sdm630, chanels: [voltage.l1] }"))
            == "gateway.yaml:9: meters.0.chanels: unknown key 'chanels' (did you mean channels?); "
            + "expected one of id, bus, unit, units, profile, channels, ct, pt, metadata")
        #expect(parseError(withMeters("  - { id: m-1, bus: tcp-a, unit: 1, profile: sdm630, metadata: { wieght: 2 } }"))
            == "gateway.yaml:9: meters.0.metadata.wieght: unknown key 'wieght' (did you mean weight?); "
            + "expected one of rate_class, tariff, stratum, weight, weather_zone, site")
    }

    @Test("id, bus and profile are required", arguments: [
        ("  - { bus: tcp-a, unit: 1, profile: sdm630 }", "gateway.yaml:9: meters.0.id: missing required key 'id'"),
        ("  - { id: m-1, unit: 1, profile: sdm630 }", "gateway.yaml:9: meters.0.bus: missing required key 'bus'"),
        ("  - { id: m-1, bus: tcp-a, unit: 1 }", "gateway.yaml:9: meters.0.profile: missing required key 'profile'"),
        ("  - { id: m-1, bus: tcp-a, profile: sdm630 }", "gateway.yaml:9: meters.0.unit: missing required key 'unit' (or 'units' for a group of meters)"),
    ])
    func requiredKeys(entry: String, expected: String) {
        #expect(parseError(withMeters(entry)) == expected)
    }

    @Test("a meter on an unknown bus is told the close bus ids and all of them")
    func unknownBus() {
        #expect(parseError(withMeters("  - { id: m-1, bus: tcp-b, unit: 1, profile: sdm630 }"))
            == "gateway.yaml:9: meters.0.bus: unknown bus 'tcp-b' (did you mean tcp-a?); buses: tcp-a, rs485-1")
        #expect(parseError(withMeters("  - { id: m-1, bus: wireless, unit: 1, profile: sdm630 }"))
            == "gateway.yaml:9: meters.0.bus: unknown bus 'wireless'; buses: tcp-a, rs485-1")
    }

    @Test("unit ids are 1 to 247, and units a selection within them", arguments: [
        ("unit: 0", "gateway.yaml:9: meters.0.unit: unit 0 is outside 1...247"),
        ("unit: 248", "gateway.yaml:9: meters.0.unit: unit 248 is outside 1...247"),
        ("unit: one", "gateway.yaml:9: meters.0.unit: expected a decimal or 0x hex integer, got 'one'"),
        ("units: 2-250", "gateway.yaml:9: meters.0.units: bad unit selection '2-250': '2-250' is outside 1-247 or runs backwards"),
        ("units: 2-300", "gateway.yaml:9: meters.0.units: bad unit selection '2-300': '2-300' is not a unit id or a range like 1-10"),
        ("units: 5-2", "gateway.yaml:9: meters.0.units: bad unit selection '5-2': '5-2' is outside 1-247 or runs backwards"),
        ("units: 1-", "gateway.yaml:9: meters.0.units: bad unit selection '1-': '1-' is not a unit id or a range like 1-10"),
    ])
    func unitRanges(setting: String, expected: String) {
        #expect(parseError(withMeters("  - { id: \"m-{unit}\", bus: tcp-a, \(setting), profile: sdm630 }")) == expected)
    }

    @Test("a meter gives unit or units, not both")
    func unitAndUnits() {
        #expect(parseError(withMeters("  - id: \"m-{unit}\"\n    bus: tcp-a\n    unit: 1\n    units: 1-5\n    profile: sdm630"))
            == "gateway.yaml:12: meters.0.units: give either unit (one meter) or units (a group), not both")
    }

    @Test("a group's id must contain {unit}, and only {unit} or {unit:0N} placeholders", arguments: [
        ("a-1", "gateway.yaml:9: meters.0.id: a group's id must contain {unit} (or a zero-padded {unit:03}) so that each of its meters gets its own id"),
        ("a-{units}", "gateway.yaml:9: meters.0.id: unknown placeholder '{units}' in id 'a-{units}'; write {unit} or a zero-padded {unit:03}"),
        ("a-{unit:3}", "gateway.yaml:9: meters.0.id: unknown placeholder '{unit:3}' in id 'a-{unit:3}'; write {unit} or a zero-padded {unit:03}"),
        ("a-{unit", "gateway.yaml:9: meters.0.id: unbalanced brace in id 'a-{unit'; write {unit} or a zero-padded {unit:03}"),
        ("a-unit}", "gateway.yaml:9: meters.0.id: unbalanced brace in id 'a-unit}'; write {unit} or a zero-padded {unit:03}"),
        ("a {unit}", "gateway.yaml:9: meters.0.id: id 'a 1' may only use letters, digits, '.', '_' and '-' (ids become database keys and file names)"),
    ])
    func groupIDs(id: String, expected: String) {
        #expect(parseError(withMeters("  - { id: \"\(id)\", bus: tcp-a, units: 1-3, profile: sdm630 }")) == expected)
    }

    @Test("meter ids are unique after expansion; the error names both lines")
    func duplicateIDs() {
        #expect(parseError(withMeters("""
              - { id: "a-{unit}", bus: tcp-a, units: 1-5, profile: sdm630 }
              - { id: a-3, bus: rs485-1, unit: 3, profile: sdm630 }
            """)) == "gateway.yaml:10: meters.1.id: duplicate meter id 'a-3' (first on line 9)")
        #expect(parseError(withMeters("""
              - { id: m-1, bus: tcp-a, unit: 1, profile: sdm630 }
              - { id: "m-{unit}", bus: rs485-1, units: 1-2, profile: sdm630 }
            """)) == "gateway.yaml:10: meters.1.id: duplicate meter id 'm-1' (first on line 9)")
    }

    @Test("two meters cannot share a bus and unit, but may share a unit on different buses")
    func sharedUnit() throws {
        #expect(parseError(withMeters("""
              - { id: m-1, bus: tcp-a, unit: 3, profile: sdm630 }
              - { id: "g-{unit}", bus: tcp-a, units: 1-4, profile: sdm630 }
            """)) == "gateway.yaml:10: meters.1.units: unit 3 on bus tcp-a is already meter m-1 (line 9)")
        #expect(parseError(withMeters("""
              - { id: m-1, bus: tcp-a, unit: 3, profile: sdm630 }
              - { id: m-2, bus: tcp-a, unit: 3, profile: sdm630 }
            """)) == "gateway.yaml:10: meters.1.unit: unit 3 on bus tcp-a is already meter m-1 (line 9)")
        let configuration = try parse(withMeters("""
              - { id: m-1, bus: tcp-a, unit: 3, profile: sdm630 }
              - { id: m-2, bus: rs485-1, unit: 3, profile: sdm630 }

            """))
        #expect(configuration.meters.map(\.bus) == ["tcp-a", "rs485-1"])
    }

    @Test("ct and pt are transformer ratios", arguments: [
        ("ct: 200:5", "gateway.yaml:9: meters.0.ct: ct '200:5' is not a transformer ratio such as 200/5 or 40"),
        ("ct: 200/0", "gateway.yaml:9: meters.0.ct: ct '200/0' is not a transformer ratio such as 200/5 or 40"),
        ("pt: 0", "gateway.yaml:9: meters.0.pt: pt '0' is not a transformer ratio such as 200/5 or 40"),
        ("pt: -40", "gateway.yaml:9: meters.0.pt: pt '-40' is not a transformer ratio such as 200/5 or 40"),
    ])
    func transformerRatios(setting: String, expected: String) {
        #expect(parseError(withMeters("  - { id: m-1, bus: tcp-a, unit: 1, profile: sdm630, \(setting) }")) == expected)
    }

    @Test("metadata weight is a positive number and text fields are not empty", arguments: [
        ("weight: heavy", "gateway.yaml:9: meters.0.metadata.weight: expected a number, got 'heavy'"),
        ("weight: 0", "gateway.yaml:9: meters.0.metadata.weight: weight must be positive, got 0"),
        ("weight: [1]", "gateway.yaml:9: meters.0.metadata.weight: expected a text value, got a list"),
        ("tariff: \"\"", "gateway.yaml:9: meters.0.metadata.tariff: must not be empty"),
    ])
    func metadata(setting: String, expected: String) {
        #expect(parseError(withMeters("  - { id: m-1, bus: tcp-a, unit: 1, profile: sdm630, metadata: { \(setting) } }")) == expected)
    }
}
