import DeviceProfiles
import Foundation
import GatewayConfig
import MeterKit
import Modbus
import Testing
import TestSupport

@Suite("Gateway configuration: valid files")
struct GatewayConfigurationTests {
    @Test("every key set reads back as written, paths made absolute against the file's directory")
    func everyKeySet() throws {
        let configuration = try parse("""
            gateway: { id: gw-north-01 }
            store: { path: data/store.sqlite, retention_days: 30 }
            schedule:
              read_every: 5m
              interval: 60m
              backfill_per_cycle: 48
              backfill_lookback: 12h
            logging: { level: debug }
            devices: devices
            time_base: run/timebase.json
            buses:
              - id: tcp-a
                tcp: 127.0.0.1:1502
                timeout: 500ms
                retries: 2
                offline_after: 3
                max_backoff: 30m
              - id: rs485-1
                rtu: { device: /dev/ttyUSB0, baud: 19200, parity: O, data_bits: 7, stop_bits: 2 }
                timeout: 300ms
                unit_switch_pause: 10ms
            meters:
              - id: m-0001
                bus: tcp-a
                unit: 1
                profile: sdm630
                channels: [energy.import.total, energy.export.total, power.active.total, voltage.l1]
                ct: 200/5
                pt: 11000/110
                metadata: { rate_class: C1, tariff: tod-a, stratum: S3, weight: 125.5, weather_zone: WZ-N, site: "12 Main St" }
              - id: pv-1
                bus: rs485-1
                unit: 7
                profile: sunspec-201

            """)
        let root = Repository.root.path
        #expect(configuration.file == "gateway.yaml")
        #expect(configuration.gatewayID == "gw-north-01")
        #expect(configuration.store == StoreSettings(path: root + "/data/store.sqlite", retentionDays: 30))
        #expect(configuration.schedule == Schedule(readEverySeconds: 300, intervalSeconds: 3600, backfillPerCycle: 48,
                                                   backfillLookbackSeconds: 43_200))
        #expect(configuration.logLevel == "debug")
        #expect(configuration.devicesDirectory == root + "/devices")
        #expect(configuration.timeBasePath == root + "/run/timebase.json")
        #expect(configuration.buses == [
            BusConfiguration(id: "tcp-a", endpoint: .tcp(host: "127.0.0.1", port: 1502),
                             options: ModbusClientOptions(responseTimeout: .milliseconds(500), unitSwitchPause: .milliseconds(5), retries: 2),
                             offlineAfter: 3, maxBackoffSeconds: 1800),
            BusConfiguration(id: "rs485-1",
                             endpoint: .rtu(SerialSettings(device: "/dev/ttyUSB0", baud: 19_200, parity: .odd, dataBits: 7, stopBits: 2)),
                             options: ModbusClientOptions(responseTimeout: .milliseconds(300), unitSwitchPause: .milliseconds(10), retries: 1),
                             offlineAfter: 2, maxBackoffSeconds: 3600),
        ])
        #expect(configuration.meters == [
            MeterConfiguration(id: "m-0001", bus: "tcp-a", unit: 1, profileID: "sdm630",
                               channels: [.energyImportTotal, .energyExportTotal, .powerActiveTotal, .voltageL1],
                               currentTransformer: TransformerRatio(primary: 200, secondary: 5),
                               voltageTransformer: TransformerRatio(primary: 11_000, secondary: 110),
                               metadata: MeterMetadata(rateClass: "C1", tariff: "tod-a", stratum: "S3", weight: 125.5,
                                                       weatherZone: "WZ-N", site: "12 Main St"),
                               line: 23),
            // A SunSpec profile's cumulative points, in the profile's order.
            MeterConfiguration(id: "pv-1", bus: "rs485-1", unit: 7, profileID: "sunspec-201",
                               channels: [.energyExportTotal, .energyImportTotal], line: 31),
        ])
        // 200/5 = 40 times 11000/110 = 100.
        #expect(configuration.meters[0].multiplier == 4000)
        #expect(configuration.meters[1].multiplier == 1)
        #expect(configuration.profiles.keys.sorted() == ["sdm630", "sunspec-201"])
        #expect(configuration.profiles["sunspec-201"]?.sunSpec != nil)
    }

    @Test("a minimal file gets every default, and profiles come from the given catalog without devices")
    func defaults() throws {
        let configuration = try GatewayConfiguration.parse(yaml: """
            gateway: { id: gw-1 }
            store: { path: /var/lib/metergate/store.sqlite }
            buses:
              - { id: tcp-a, tcp: gw.example }
              - { id: rs485-1, rtu: { device: /dev/ttyUSB0 } }
            meters:
              - { id: m-1, bus: tcp-a, unit: 1, profile: sdm630 }

            """, file: "gateway.yaml", baseDirectory: "/nonexistent",
            catalog: ProfileCatalog(directory: Repository.devices.path, environment: [:], executablePath: nil))
        #expect(configuration.store == StoreSettings(path: "/var/lib/metergate/store.sqlite", retentionDays: 90))
        #expect(configuration.schedule == Schedule(readEverySeconds: 900, intervalSeconds: 900, backfillPerCycle: 96,
                                                   backfillLookbackSeconds: 86_400))
        #expect(configuration.logLevel == "info")
        #expect(configuration.devicesDirectory == nil)
        #expect(configuration.timeBasePath == nil)
        let defaultOptions = ModbusClientOptions(responseTimeout: .seconds(1), unitSwitchPause: .milliseconds(5), retries: 1)
        #expect(configuration.buses == [
            BusConfiguration(id: "tcp-a", endpoint: .tcp(host: "gw.example", port: 502), options: defaultOptions,
                             offlineAfter: 2, maxBackoffSeconds: 3600),
            BusConfiguration(id: "rs485-1", endpoint: .rtu(SerialSettings(device: "/dev/ttyUSB0", baud: 9600, parity: .even, dataBits: 8, stopBits: 1)),
                             options: defaultOptions, offlineAfter: 2, maxBackoffSeconds: 3600),
        ])
        // Every cumulative point of sdm630, in the profile's order.
        #expect(configuration.meters == [
            MeterConfiguration(id: "m-1", bus: "tcp-a", unit: 1, profileID: "sdm630",
                               channels: [.energyImportTotal, .energyExportTotal, .energyTotal, .energyReactiveTotal],
                               currentTransformer: nil, voltageTransformer: nil, metadata: MeterMetadata(), line: 7),
        ])
        #expect(configuration.meters[0].multiplier == 1)
    }

    @Test("durations read in every spelling")
    func durationSpellings() throws {
        let configuration = try parse("""
            gateway: { id: gw-1 }
            store: { path: store.sqlite }
            devices: devices
            schedule: { read_every: 60, interval: 1h, backfill_lookback: 2d }
            buses:
              - { id: a, tcp: "[::1]:1502", timeout: 2s, max_backoff: 90 }
              - { id: b, rtu: { device: /dev/ttyS0 }, unit_switch_pause: 0 }
            meters:
              - { id: m-1, bus: a, unit: 1, profile: sdm630 }

            """)
        #expect(configuration.schedule.readEverySeconds == 60)
        #expect(configuration.schedule.intervalSeconds == 3600)
        #expect(configuration.schedule.backfillLookbackSeconds == 172_800)
        #expect(configuration.buses[0].endpoint == .tcp(host: "::1", port: 1502))
        #expect(configuration.buses[0].options.responseTimeout == .seconds(2))
        #expect(configuration.buses[0].maxBackoffSeconds == 90)
        #expect(configuration.buses[1].options.unitSwitchPause == .zero)
    }

    @Test("a group expands to one meter per unit in order, with {unit} plain or zero-padded and shared settings")
    func groupExpansion() throws {
        let configuration = try parse(withMeters("""
              - { id: "a-{unit}", bus: tcp-a, units: "1,3,7-9", profile: sdm120, ct: 100/5, metadata: { stratum: S2 } }
              - { id: "b-{unit:03}-x", bus: rs485-1, units: 98-101, profile: metergate-sim, channels: [energy.import.total] }
              - { id: "c-{unit:02}", bus: rs485-1, unit: 5, profile: sdm630 }

            """))
        #expect(configuration.meters.map(\.id) == ["a-1", "a-3", "a-7", "a-8", "a-9", "b-098-x", "b-099-x", "b-100-x", "b-101-x", "c-05"])
        #expect(configuration.meters.map(\.unit) == [1, 3, 7, 8, 9, 98, 99, 100, 101, 5])
        #expect(configuration.meters.map(\.line) == [9, 9, 9, 9, 9, 10, 10, 10, 10, 11])
        let a8 = configuration.meters[3]
        #expect(a8 == MeterConfiguration(id: "a-8", bus: "tcp-a", unit: 8, profileID: "sdm120",
                                         channels: [.energyImportTotal, .energyExportTotal, .energyTotal],
                                         currentTransformer: TransformerRatio(primary: 100, secondary: 5),
                                         metadata: MeterMetadata(stratum: "S2"), line: 9))
        #expect(configuration.meters[5].channels == [.energyImportTotal])
        #expect(configuration.profiles.keys.sorted() == ["metergate-sim", "sdm120", "sdm630"])
    }

    @Test("a profile path is relative to the configuration file, not the current directory")
    func profilePathRelativeToTheFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let sdm630 = try String(contentsOf: Repository.devices.appendingPathComponent("sdm630.yaml"), encoding: .utf8)
        try scratch.write("profiles/custom-meter.yaml", sdm630)
        let path = try scratch.write("etc/gateway.yaml", """
            gateway: { id: gw-1 }
            store: { path: ../var/store.sqlite }
            buses: [{ id: a, tcp: "127.0.0.1:1502" }]
            meters:
              - { id: m-1, bus: a, unit: 1, profile: ../profiles/custom-meter.yaml }
              - { id: m-2, bus: a, unit: 2, profile: ../profiles/custom-meter.yaml }

            """)
        let configuration = try GatewayConfiguration.load(path: path)
        #expect(configuration.store.path == scratch.path + "/var/store.sqlite")
        #expect(configuration.meters.map(\.profileID) == ["custom-meter", "custom-meter"])
        #expect(configuration.profiles.keys.sorted() == ["custom-meter"])
        #expect(configuration.profiles["custom-meter"]?.model == "SDM630")
        #expect(configuration.file == display(path))
    }

    @Test("the summary counts buses, meters per profile (most used first), cadence and store")
    func summary() throws {
        let configuration = try parse("""
            gateway: { id: gw-north-01 }
            store: { path: /srv/store.sqlite }
            devices: devices
            schedule: { read_every: 30s, interval: 60m }
            buses: [{ id: a, tcp: "127.0.0.1:1502" }]
            meters:
              - { id: "x-{unit}", bus: a, units: 1-2, profile: sdm630 }
              - { id: "y-{unit}", bus: a, units: 3-4, profile: metergate-sim }
              - { id: "z-{unit}", bus: a, units: 5-7, profile: sdm120 }

            """)
        #expect(configuration.summary == "gateway gw-north-01, 1 bus, 7 meters (sdm120 3, metergate-sim 2, sdm630 2), "
            + "read every 30 s, 60-min intervals, store /srv/store.sqlite")
    }
}
