import DeviceProfiles
import Foundation
import GatewayConfig
import Testing
import TestSupport

/// Errors about a meter's profile and channels: a profile that cannot be found is reported
/// at the meter's `profile` key, one that is broken at its own line.
@Suite("Gateway configuration: profile and channel errors")
struct ProfileErrorTests {
    static let shippedStems = "generic-energy, metergate-sim, sdm120, sdm630, sdm72, sunspec-201, sunspec-202, sunspec-203, "
        + "sunspec-204, sunspec-211, sunspec-212, sunspec-213, sunspec-214"

    @Test("an unknown profile gets the catalog's message with suggestions, pinned to the meter's profile key")
    func unknownProfile() {
        let devices = display(Repository.devices.path)
        #expect(parseError(withMeters("  - { id: m-1, bus: tcp-a, unit: 1, profile: sdm63 }"))
            == "gateway.yaml:9: meters.0.profile: unknown profile 'sdm63' (did you mean sdm630?); "
            + "available: \(Self.shippedStems) (devices directory \(devices), given explicitly)")
    }

    @Test("a profile path that does not exist is named as resolved against the file's directory")
    func missingProfileFile() {
        let missing = display(Repository.root.appendingPathComponent("profiles/none.yaml").path)
        #expect(parseError(withMeters("  - { id: m-1, bus: tcp-a, unit: 1, profile: profiles/none.yaml }"))
            == "gateway.yaml:9: meters.0.profile: no such profile file \(missing)")
    }

    @Test("a broken profile is reported at its own file and line")
    func brokenProfile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let profile = try scratch.write("profiles/bad.yaml", """
            manufacturer: Test
            model: T1
            points:
              energy.import.total: { kind: input, address: 0x48, type: flaot32, unit: kWh }

            """)
        let config = try scratch.write("gateway.yaml", """
            gateway: { id: gw-1 }
            store: { path: s.sqlite }
            buses: [{ id: a, tcp: "127.0.0.1:1502" }]
            meters: [{ id: m-1, bus: a, unit: 1, profile: profiles/bad.yaml }]

            """)
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration.load(path: config) }
        do {
            _ = try GatewayConfiguration.load(path: config)
        } catch {
            #expect(error.file == display(profile))
            #expect(error.line == 4)
            #expect(error.keyPath == "points.energy.import.total.type")
            #expect(error.message.hasPrefix("unknown type 'flaot32' (did you mean float32?)"), "\(error)")
        }
    }

    @Test("two different profile files with one id are rejected")
    func profileIDClash() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let sdm630 = try String(contentsOf: Repository.devices.appendingPathComponent("sdm630.yaml"), encoding: .utf8)
        try scratch.write("custom/sdm630.yaml", sdm630)
        let config = try scratch.write("gateway.yaml", """
            gateway: { id: gw-1 }
            store: { path: s.sqlite }
            devices: \(Repository.devices.path)
            buses: [{ id: a, tcp: "127.0.0.1:1502" }]
            meters:
              - { id: m-1, bus: a, unit: 1, profile: sdm630 }
              - { id: m-2, bus: a, unit: 2, profile: \(Repository.devices.path)/sdm630.yaml }
              - { id: m-3, bus: a, unit: 3, profile: custom/sdm630.yaml }

            """)
        let shipped = display(Repository.devices.appendingPathComponent("sdm630.yaml").path)
        #expect(throws: ConfigurationError(file: display(config), line: 8, keyPath: "meters.2.profile",
                                    message: "profile id 'sdm630' already names \(shipped) (line 6); two profiles with one id would be ambiguous")) {
            try GatewayConfiguration.load(path: config)
        }
    }

    @Test("a profile without cumulative points needs its channels listed")
    func noCumulativeDefault() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("volts.yaml", "manufacturer: Test\nmodel: V\npoints:\n  voltage.l1: { kind: input, address: 0, type: float32, unit: V }\n")
        let config = try scratch.write("gateway.yaml", """
            gateway: { id: gw-1 }
            store: { path: s.sqlite }
            buses: [{ id: a, tcp: "127.0.0.1:1502" }]
            meters:
              - { id: m-1, bus: a, unit: 1, profile: volts.yaml, channels: [voltage.l1] }
              - { id: m-2, bus: a, unit: 2, profile: volts.yaml }

            """)
        #expect(throws: ConfigurationError(file: display(config), line: 6, keyPath: "meters.1.profile",
                                    message: "profile volts maps no cumulative point, so there is no default; list channels")) {
            try GatewayConfiguration.load(path: config)
        }
    }

    @Test("channels are names from the vocabulary that the profile maps, each listed once", arguments: [
        ("sdm630", "[energy.import.totl]",
         "gateway.yaml:9: meters.0.channels.0: unknown point name 'energy.import.totl' (did you mean energy.import.total, energy.export.total?)"),
        ("sdm120", "[voltage.l1, voltage.l2]",
         "gateway.yaml:9: meters.0.channels.1: profile sdm120 does not map voltage.l2 (did you mean voltage.l1?); it maps voltage.l1, "
            + "current.l1, power.active.l1, power_factor.l1, frequency, energy.import.total, energy.export.total, energy.total"),
        ("sdm630", "[voltage.l1, voltage.l1]", "gateway.yaml:9: meters.0.channels.1: channel voltage.l1 is listed twice"),
        ("sdm630", "[]", "gateway.yaml:9: meters.0.channels: list at least one channel, or leave channels out to read every cumulative point of sdm630"),
        ("sdm630", "energy.import.total", "gateway.yaml:9: meters.0.channels: expected a list, got 'energy.import.total'"),
    ])
    func badChannels(profile: String, channels: String, expected: String) {
        #expect(parseError(withMeters("  - { id: m-1, bus: tcp-a, unit: 1, profile: \(profile), channels: \(channels) }")) == expected)
    }

    @Test("a SunSpec profile's channels are checked by name, its offsets notwithstanding")
    func sunSpecChannels() throws {
        let configuration = try parse(withMeters("  - { id: pv-1, bus: tcp-a, unit: 1, profile: sunspec-201, channels: [voltage.l1, frequency] }\n"))
        #expect(configuration.meters[0].channels == [.voltageL1, .frequency])
        #expect(parseError(withMeters("  - { id: pv-1, bus: tcp-a, unit: 1, profile: sunspec-201, channels: [voltage.l2] }")) ==
            "gateway.yaml:9: meters.0.channels.0: profile sunspec-201 does not map voltage.l2 (did you mean voltage.l1?); it maps current.l1, "
            + "voltage.l1, frequency, power.active.total, power.active.l1, power.apparent.total, power.reactive.total, power_factor.total, "
            + "power_factor.l1, energy.export.total, energy.import.total")
    }
}
