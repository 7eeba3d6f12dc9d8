import Foundation
import GatewayConfig
import MeterKit
import Testing
import TestSupport

/// The shipped example is documentation that must stay true: it loads from the repository
/// as it stands, with the values its comments promise.
@Suite("Gateway configuration: docs/gateway.example.yaml")
struct ExampleConfigTests {
    static let path = Repository.root.appendingPathComponent("docs/gateway.example.yaml").path

    @Test("the example loads with its devices path and expands its groups")
    func exampleLoads() throws {
        let configuration = try GatewayConfiguration.load(path: Self.path)
        #expect(configuration.gatewayID == "gw-north-01")
        #expect(configuration.devicesDirectory == Repository.devices.standardizedFileURL.path)
        #expect(configuration.schedule == Schedule(readEverySeconds: 300, intervalSeconds: 900, backfillPerCycle: 96,
                                                   backfillLookbackSeconds: 86_400))
        #expect(configuration.buses.map(\.id) == ["tcp-a", "tcp-b", "rs485-1"])
        #expect(configuration.buses[1].endpoint == .tcp(host: "192.0.2.20", port: 502))
        #expect(configuration.meters.count == 109)
        #expect(configuration.meters.first?.multiplier == 40)
        #expect(configuration.meters[1].id == "a-002" && configuration.meters[99].id == "a-100")
        #expect(configuration.meters.last?.id == "sim-8")
        #expect(configuration.meters.last?.channels == [.energyImportTotal, .energyExportTotal, .energyReactiveTotal, .demandActiveMax])
        #expect(configuration.summary == "gateway gw-north-01, 3 buses, 109 meters (sdm630 100, metergate-sim 8, sunspec-201 1), "
            + "read every 5 min, 15-min intervals, store /var/lib/metergate/store.sqlite")
    }
}

/// `metergate config check` as a technician runs it. These run the built `metergate`
/// binary next to the test bundle: `swift build --build-tests` builds it with the tests.
@Suite("metergate config check", .serialized)
struct ConfigCheckCommandTests {
    @Test("a valid file prints one summary line and exits 0")
    func checkPrintsTheSummary() throws {
        let result = try ChildProcess.run(Binaries.metergate, ["config", "check", ExampleConfigTests.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output == "\(display(ExampleConfigTests.path)): ok: gateway gw-north-01, 3 buses, 109 meters "
            + "(sdm630 100, metergate-sim 8, sunspec-201 1), read every 5 min, 15-min intervals, "
            + "store /var/lib/metergate/store.sqlite\n")
    }

    @Test("a broken file prints one line with file, line and key path and exits 2")
    func checkReportsTheFirstProblem() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("gateway.yaml", """
            gateway: { id: gw-1 }
            store: { path: s.sqlite }
            schedule: { interval: 30m }
            buses: [{ id: a, tcp: "127.0.0.1:1502" }]
            meters: [{ id: m-1, bus: a, unit: 1, profile: sdm630 }]

            """)
        let result = try ChildProcess.run(Binaries.metergate, ["config", "check", path])
        #expect(result.status == 2)
        #expect(result.output == "metergate: \(display(path)):3: schedule.interval: interval must be 15m or 60m (1h), got 30m\n")
    }

    @Test("a missing file is a one-line error too")
    func checkReportsAMissingFile() throws {
        let result = try ChildProcess.run(Binaries.metergate, ["config", "check", "/nonexistent/gateway.yaml"])
        #expect(result.status == 2)
        #expect(result.output == "metergate: /nonexistent/gateway.yaml: no such file\n")
    }
}
