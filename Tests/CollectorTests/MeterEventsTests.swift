import Foundation
import GatewayConfig
import MeterAccess
import MeterKit
import Store
import Testing
import TestSupport
@testable import Collector

/// Register resets as the poller sees them: a poll's readings follow the meter's plan, and
/// each cumulative one is compared with the same register's previous value.
struct MeterEventsTests {
    static let bucket = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func meter() throws -> MeterRuntime {
        let configuration = try GatewayConfiguration.parse(yaml: """
            gateway: { id: test }
            store: { path: store.sqlite }
            devices: \(Repository.devices.path)
            buses: [{ id: a, tcp: "127.0.0.1:1502" }]
            meters: [{ id: m1, bus: a, unit: 1, profile: sdm630, channels: [energy.import.total, voltage.l1, energy.export.total] }]
            """, file: "gateway.yaml", baseDirectory: FileManager.default.temporaryDirectory.path)
        let meter = try #require(configuration.meters.first)
        var runtime = MeterRuntime(configuration: meter, meterID: 7, channelIDs: [:], profile: try #require(configuration.profiles[meter.profileID]),
                                   state: nil)
        runtime.lastValues = [nil, nil, nil]  // what connecting sets, one per planned reading
        return runtime
    }

    static func poll(_ importKWh: Double, _ volts: Double, _ exportKWh: Double?) -> MeterPoll {
        MeterPoll(readings: [PointReading(name: .energyImportTotal, value: importKWh), PointReading(name: .voltageL1, value: volts),
                             PointReading(name: .energyExportTotal, value: exportKWh)],
                  meterTime: nil, gatewayTime: bucket, requests: 2, failures: 0, retries: 0, latency: .milliseconds(4))
    }

    @Test func aCumulativeRegisterThatGoesBackwardsRaisesOneEventNamingItAndAVoltageDropRaisesNone() throws {
        var meter = try Self.meter()
        var cycle = CycleBuilder(bus: "a", bucket: Self.bucket)
        MeterEvents.registerResets(&meter, Self.poll(1200, 231, 15), into: &cycle)
        #expect(cycle.events.isEmpty, "a first poll has nothing to compare with")
        // Import 1200 -> 3 kWh is a reset; voltage 231 -> 229 is not cumulative; export rises.
        MeterEvents.registerResets(&meter, Self.poll(3, 229, 16), into: &cycle)
        #expect(cycle.events.map(\.kind) == [.registerReset])
        #expect(cycle.events.first?.detail == "energy.import.total went from 1200.0 to 3.0")
        #expect(cycle.events.first?.meterID == 7)
        // Counting on from the new value is no reset; a missing export value is skipped and
        // export is still compared with 16 when it comes back lower.
        MeterEvents.registerResets(&meter, Self.poll(4, 229, nil), into: &cycle)
        MeterEvents.registerResets(&meter, Self.poll(5, 229, 2), into: &cycle)
        #expect(cycle.events.map(\.detail) == ["energy.import.total went from 1200.0 to 3.0", "energy.export.total went from 16.0 to 2.0"])
    }
}
