import GatewayConfig
import Testing

/// Errors in `buses`: endpoints, serial settings and client options, each pinned to the key.
@Suite("Gateway configuration: bus errors")
struct BusErrorTests {
    /// A configuration whose `buses` entries are `entries`, starting on line 5.
    private func buses(_ entries: String) -> String {
        """
        gateway: { id: gw-1 }
        store: { path: s.sqlite }
        devices: devices
        buses:
        \(entries)
        meters: [{ id: m-1, bus: tcp-a, unit: 1, profile: sdm630 }]

        """
    }

    @Test("an unknown bus key is rejected with the closest known key")
    func unknownKey() {
        #expect(parseError(buses("  - { id: tcp-a, tcp: \"127.0.0.1:1502\", timout: 1s }"))
            == "gateway.yaml:5: buses.0.timout: unknown key 'timout' (did you mean timeout?); "
            + "expected one of id, tcp, rtu, timeout, retries, unit_switch_pause, offline_after, max_backoff")
        #expect(parseError(buses("  - id: rs\n    rtu: { device: /dev/ttyUSB0, speed: 9600 }"))
            == "gateway.yaml:6: buses.0.rtu.speed: unknown key 'speed'; expected one of device, baud, parity, data_bits, stop_bits")
    }

    @Test("bus ids are required, well-formed and unique; the second of two names the first's line")
    func busIDs() {
        #expect(parseError(buses("  - { tcp: \"127.0.0.1:1502\" }")) == "gateway.yaml:5: buses.0.id: missing required key 'id'")
        #expect(parseError(buses("  - { id: tcp a, tcp: \"127.0.0.1:1502\" }"))
            == "gateway.yaml:5: buses.0.id: id 'tcp a' may only use letters, digits, '.', '_' and '-' (ids become database keys and file names)")
        #expect(parseError(buses("""
              - { id: tcp-a, tcp: "127.0.0.1:1502" }
              - id: tcp-a
                tcp: "127.0.0.1:1503"
            """)) == "gateway.yaml:6: buses.1.id: duplicate bus id 'tcp-a' (first on line 5)")
    }

    @Test("a bus has exactly one of tcp and rtu")
    func oneEndpoint() {
        #expect(parseError(buses("  - { id: tcp-a, timeout: 1s }"))
            == "gateway.yaml:5: buses.0: a bus needs tcp: HOST:PORT or rtu: { device: ... }")
        #expect(parseError(buses("  - id: tcp-a\n    tcp: \"127.0.0.1:1502\"\n    rtu: { device: /dev/ttyUSB0 }"))
            == "gateway.yaml:7: buses.0.rtu: give either tcp or rtu, not both")
    }

    @Test("tcp is HOST:PORT with a port from 1 to 65535", arguments: ["127.0.0.1:99999", "127.0.0.1:0", "host:port", ":502", "[::1"])
    func badTCP(address: String) {
        #expect(parseError(buses("  - { id: tcp-a, tcp: \"\(address)\" }"))
            == "gateway.yaml:5: buses.0.tcp: '\(address)' is not HOST:PORT (port 1-65535, default 502; IPv6 as [::1]:502)")
    }

    @Test("serial settings are checked by SerialSettings and the message names the offending key", arguments: [
        ("parity: X", "gateway.yaml:6: buses.0.rtu.parity: parity 'X' must be N, E or O"),
        ("baud: 1234", "gateway.yaml:6: buses.0.rtu.baud: baud 1234 is not a standard Modbus rate (1200-115200)"),
        ("data_bits: 9", "gateway.yaml:6: buses.0.rtu.data_bits: data_bits must be 7 or 8 and stop_bits 1 or 2"),
        ("stop_bits: 3", "gateway.yaml:6: buses.0.rtu.stop_bits: data_bits must be 7 or 8 and stop_bits 1 or 2"),
        ("baud: fast", "gateway.yaml:6: buses.0.rtu.baud: expected a decimal or 0x hex integer, got 'fast'"),
    ])
    func badSerial(setting: String, expected: String) {
        #expect(parseError(buses("  - id: rs485-1\n    rtu: { device: /dev/ttyUSB0, \(setting) }")) == expected)
    }

    @Test("an rtu bus needs its device")
    func rtuDevice() {
        #expect(parseError(buses("  - id: rs485-1\n    rtu: { baud: 9600 }"))
            == "gateway.yaml:6: buses.0.rtu.device: missing required key 'device'")
    }

    @Test("two buses on one endpoint are rejected: one poller owns each line")
    func sharedEndpoint() {
        #expect(parseError(buses("""
              - { id: rs485-1, rtu: { device: /dev/ttyUSB0 } }
              - { id: rs485-2, rtu: { device: /dev/ttyUSB0, baud: 19200 } }
            """)) == "gateway.yaml:6: buses.1.rtu: rtu device /dev/ttyUSB0 is already bus rs485-1 (line 5); one poller owns each line")
        #expect(parseError(buses("""
              - { id: tcp-a, tcp: "gw.example:502" }
              - { id: tcp-b, tcp: GW.example }
            """)) == "gateway.yaml:6: buses.1.tcp: tcp gw.example:502 is already bus tcp-a (line 5); one poller owns each line")
    }

    @Test("client options and offline handling stay within their ranges", arguments: [
        ("timeout: 0ms", "gateway.yaml:5: buses.0.timeout: 0ms is outside 1ms...1m"),
        ("timeout: 2m", "gateway.yaml:5: buses.0.timeout: 2m is outside 1ms...1m"),
        ("timeout: soon", "gateway.yaml:5: buses.0.timeout: 'soon' is not a duration; write 500ms, 30s, 5m, 1h, 1d or whole seconds"),
        ("retries: 11", "gateway.yaml:5: buses.0.retries: retries 11 is outside 0...10"),
        ("offline_after: 0", "gateway.yaml:5: buses.0.offline_after: offline_after 0 is outside 1...100"),
        ("max_backoff: 2d", "gateway.yaml:5: buses.0.max_backoff: 2d is outside 1s...1d"),
        ("max_backoff: 1500ms", "gateway.yaml:5: buses.0.max_backoff: 1500ms is not a whole number of seconds"),
        ("unit_switch_pause: 5ms", "gateway.yaml:5: buses.0.unit_switch_pause: unit_switch_pause only applies to rtu buses: "
            + "it is a pause on an RS-485 line"),
    ])
    func optionRanges(setting: String, expected: String) {
        #expect(parseError(buses("  - { id: tcp-a, tcp: \"127.0.0.1:1502\", \(setting) }")) == expected)
    }

    @Test("an rtu unit-switch pause is at most a second")
    func pauseRange() {
        #expect(parseError(buses("  - { id: rs, rtu: { device: /dev/ttyUSB0 }, unit_switch_pause: 2s }"))
            == "gateway.yaml:5: buses.0.unit_switch_pause: 2s is outside 0...1s")
    }
}
