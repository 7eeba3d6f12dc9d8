import Foundation
import GatewayConfig
import Testing
import TestSupport

/// Errors in the top-level sections: each is one line naming the file, the line and key
/// path to fix, and what would be accepted.
@Suite("Gateway configuration: top-level, schedule and store errors")
struct SectionErrorTests {
    static let topLevelKeys = "expected one of gateway, store, schedule, logging, devices, time_base, vee, buses, meters, billing, destinations, api"

    @Test("an unknown key anywhere is rejected with the closest known key", arguments: [
        ("gateway: { id: gw-1 }\nschedul: { read_every: 5m }\n",
         "gateway.yaml:2: schedul: unknown key 'schedul' (did you mean schedule?); \(topLevelKeys)"),
        ("gateway: { id: gw-1, name: north }\n",
         "gateway.yaml:1: gateway.name: unknown key 'name'; expected one of id"),
        ("gateway: { id: gw-1 }\nstore: { path: s.sqlite, retention: 30 }\n",
         "gateway.yaml:2: store.retention: unknown key 'retention' (did you mean retention_days?); expected one of path, retention_days"),
        ("gateway: { id: gw-1 }\nstore: { path: s.sqlite }\nschedule:\n  read_every: 5m\n  intervall: 15m\n",
         "gateway.yaml:5: schedule.intervall: unknown key 'intervall' (did you mean interval?); "
            + "expected one of read_every, interval, backfill_per_cycle, backfill_lookback"),
        ("gateway: { id: gw-1 }\nstore: { path: s.sqlite }\nlogging: { lvel: info }\n",
         "gateway.yaml:3: logging.lvel: unknown key 'lvel' (did you mean level?); expected one of level"),
    ])
    func unknownKeys(yaml: String, expected: String) {
        #expect(parseError(yaml) == expected)
    }

    @Test("a missing required key is named with its full path", arguments: [
        ("store: { path: s.sqlite }\n", "gateway.yaml:1: gateway: missing required key 'gateway'"),
        ("gateway: {}\n", "gateway.yaml:1: gateway.id: missing required key 'id'"),
        ("gateway: { id: gw-1 }\nstore:\n  retention_days: 5\n", "gateway.yaml:2: store.path: missing required key 'path'"),
        ("gateway: { id: gw-1 }\nstore: { path: s.sqlite }\nmeters: []\n", "gateway.yaml:1: buses: missing required key 'buses'"),
        (header, "gateway.yaml:1: meters: missing required key 'meters'"),
        ("gateway: { id: gw-1 }\nstore: { path: s.sqlite }\nbuses: []\n", "gateway.yaml:3: buses: list at least one bus"),
        (header + "meters: []\n", "gateway.yaml:8: meters: list at least one meter"),
    ])
    func missingKeys(yaml: String, expected: String) {
        #expect(parseError(yaml) == expected)
    }

    @Test("durations must be whole numbers with ms, s, m, h or d, within the setting's range", arguments: [
        ("schedule: { read_every: 5 min }", "gateway.yaml:3: schedule.read_every: '5 min' is not a duration; write 500ms, 30s, 5m, 1h, 1d or whole seconds"),
        ("schedule: { read_every: 1.5m }", "gateway.yaml:3: schedule.read_every: '1.5m' is not a duration; write 500ms, 30s, 5m, 1h, 1d or whole seconds"),
        ("schedule: { read_every: -5m }", "gateway.yaml:3: schedule.read_every: '-5m' is not a duration; write 500ms, 30s, 5m, 1h, 1d or whole seconds"),
        ("schedule: { read_every: 1500ms }", "gateway.yaml:3: schedule.read_every: 1500ms is not a whole number of seconds"),
        ("schedule: { read_every: 0 }", "gateway.yaml:3: schedule.read_every: 0 is outside 1s...1d"),
        ("schedule: { backfill_lookback: 400d }", "gateway.yaml:3: schedule.backfill_lookback: 400d is outside 0...366d"),
    ])
    func badDurations(line: String, expected: String) {
        #expect(parseError(sectionConfig(line)) == expected)
    }

    @Test("read_every must divide a day and the interval, and the interval is 15m or 60m", arguments: [
        ("schedule: { read_every: 7m }", "gateway.yaml:3: schedule.read_every: read_every 7m does not divide a day, "
            + "so reads would drift off the wall-clock boundaries; choose a divisor such as 1m, 5m or 15m"),
        ("schedule: { read_every: 20m }", "gateway.yaml:3: schedule.read_every: read_every 20m does not divide the 15m interval"),
        ("schedule: { read_every: 2h, interval: 60m }", "gateway.yaml:3: schedule.read_every: read_every 2h does not divide the 1h interval"),
        ("schedule: { interval: 30m }", "gateway.yaml:3: schedule.interval: interval must be 15m or 60m (1h), got 30m"),
        ("schedule: { interval: 5m, read_every: 5m }", "gateway.yaml:3: schedule.interval: interval must be 15m or 60m (1h), got 5m"),
        ("schedule: { backfill_per_cycle: -1 }", "gateway.yaml:3: schedule.backfill_per_cycle: backfill_per_cycle -1 is outside 0...10000"),
    ])
    func scheduleRules(line: String, expected: String) {
        #expect(parseError(sectionConfig(line)) == expected)
    }

    @Test("retention, log level, ids and the devices directory are checked", arguments: [
        ("store: { path: s.sqlite, retention_days: 0 }", "gateway.yaml:3: store.retention_days: retention_days 0 is outside 1...36500"),
        ("logging: { level: warn }", "gateway.yaml:3: logging.level: unknown level 'warn' (did you mean warning?); "
            + "expected one of trace, debug, info, notice, warning, error, critical"),
        ("logging: { level: INFO }", "gateway.yaml:3: logging.level: unknown level 'INFO' (did you mean info?); "
            + "expected one of trace, debug, info, notice, warning, error, critical"),
        ("store: { path: \"\" }", "gateway.yaml:3: store.path: must not be empty"),
    ])
    func sectionValues(line: String, expected: String) {
        #expect(parseError(sectionConfig(line)) == expected)
    }

    @Test("the vee section names a bad time zone, holiday, threshold or key", arguments: [
        ("vee: { time_zone: America/Chicgo }", "gateway.yaml:3: vee.time_zone: unknown time zone 'America/Chicgo'; "
            + "use an IANA name such as America/Chicago or Europe/Berlin"),
        ("vee: { holidays: [2026-12-25, 25.12.2026] }", "gateway.yaml:3: vee.holidays.1: holiday '25.12.2026' is not a local date yyyy-MM-dd"),
        ("vee: { spike_tolerance: lots }", "gateway.yaml:3: vee.spike_tolerance: expected a number from 0.1 to 100.0 or a percentage, got 'lots'"),
        ("vee: { like_days: 0 }", "gateway.yaml:3: vee.like_days: like_days 0 is outside 1...10"),
    ])
    func veeValues(line: String, expected: String) {
        #expect(parseError(sectionConfig(line)) == expected)
    }

    @Test("the vee section sets the local time, holidays and thresholds the engine uses")
    func veeSettings() throws {
        let yaml = sectionConfig("vee: { time_zone: America/Chicago, holidays: [2026-11-26], spike_tolerance: 250%, max_linear_gap: 30m, recompute: 2d }")
        let configuration = try GatewayConfiguration.parse(yaml: yaml, file: "gateway.yaml", baseDirectory: Repository.root.path)
        #expect(configuration.vee.timeZone.identifier == "America/Chicago")
        #expect(configuration.vee.holidays == ["2026-11-26"])
        #expect(configuration.vee.settings.spikeTolerance == 2.5)  // 250 % = 2.5
        #expect(configuration.vee.settings.maxLinearGap == 1800)
        #expect(configuration.vee.recomputeSeconds == 2 * 86_400)
    }

    @Test("a gateway id with characters unfit for keys and file names is rejected")
    func gatewayIDCharacters() {
        #expect(parseError("gateway: { id: gw north/1 }\n")
            == "gateway.yaml:1: gateway.id: id 'gw north/1' may only use letters, digits, '.', '_' and '-' (ids become database keys and file names)")
    }

    @Test("a devices directory that does not exist is named as resolved against the file's directory")
    func missingDevicesDirectory() {
        let expected = "gateway.yaml:3: devices: no such directory \(Repository.root.path)/no-such-devices"
        #expect(parseError("gateway: { id: gw-1 }\nstore: { path: s.sqlite }\ndevices: no-such-devices\n") == expected)
    }

    /// A valid configuration with `line` as line 3, replacing the store or adding a section.
    private func sectionConfig(_ line: String) -> String {
        let isStore = line.hasPrefix("store:")
        return "gateway: { id: gw-1 }\n"
            + (isStore ? "devices: devices\n" : "store: { path: s.sqlite }\n")
            + line + "\n"
            + (isStore ? "" : "devices: devices\n")
            + "buses: [{ id: a, tcp: \"127.0.0.1:1502\" }]\n"
            + "meters: [{ id: m-1, bus: a, unit: 1, profile: sdm630 }]\n"
    }
}
