import Foundation
import GatewayConfig
import Logging
import MeterAccess
import MeterKit
import ServiceLifecycle
import Store

/// The gateway's collection job: one `BusPoller` per configured bus, all in parallel,
/// writing into one store. Runs until graceful shutdown (SIGTERM/SIGINT through the
/// `ServiceGroup`), when every poller finishes and commits the cycle it is in.
public struct CollectorService: Service {
    public let configuration: GatewayConfiguration
    public let store: MeterStore
    public let clock: ServiceClock
    /// Re-bills after a re-read; nil where nothing is billed.
    let rebilling: Rebilling?
    private let logger: Logger

    public init(configuration: GatewayConfiguration, store: MeterStore, clock: ServiceClock, rebilling: Rebilling? = nil, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.rebilling = rebilling
        self.logger = logger
    }

    public func run() async throws {
        let registered = try registerMeters()
        let pollers = makePollers(registered)
        logger.notice("collecting: \(configuration.buses.count) buses, \(configuration.meters.count) meters, read every \(configuration.schedule.readEverySeconds) s")
        let retention = RetentionTask(store: store, clock: clock, days: configuration.store.retentionDays, logger: logger)
        let intervals = makeIntervalTask(registered)
        let desk = ReadRequestDesk(store: store, clock: clock, pollers: pollers, meterIDs: registered.meterIDs,
                                   busOfMeter: Dictionary(uniqueKeysWithValues: configuration.meters.map { ($0.id, $0.bus) }),
                                   intervals: intervals, rebilling: rebilling, logger: logger)
        await withTaskGroup(of: Void.self) { group in
            for poller in pollers { group.addTask { await poller.run() } }
            group.addTask { await retention.run() }
            group.addTask { await intervals.run() }
            group.addTask { await desk.run() }
        }
        var cycles = 0
        for poller in pollers { cycles += await poller.cyclesCompleted }
        logger.notice("stopped after \(cycles) bus cycles")
    }

    /// Runs `count` cycles of every bus back to back from `bucket` on, without waiting for
    /// boundaries: what a benchmark of the whole read-decode-store path measures.
    /// - Returns: how many meter polls were made.
    public func runCyclesBackToBack(_ count: Int, from bucket: Date) async throws -> Int {
        let pollers = makePollers(try registerMeters())
        let step = TimeInterval(configuration.schedule.readEverySeconds)
        await withTaskGroup(of: Void.self) { group in
            for poller in pollers {
                group.addTask {
                    for cycle in 0..<count { await poller.runCycle(at: bucket.addingTimeInterval(step * Double(cycle))) }
                    await poller.flush()
                    await poller.close()
                }
            }
        }
        return count * configuration.meters.count
    }

    /// The store's ids of the configured meters and channels, and the meters' persisted states.
    struct Registered {
        var meterIDs: [String: Int64]
        var channelIDs: [String: Int64]
        var states: [Int64: MeterStateRow]
    }

    /// Registers the configured meters and channels in the store and reads each meter's
    /// persisted state (health, back-off, backfill resume point).
    func registerMeters() throws -> Registered {
        let stored = configuration.meters.map { meter in
            StoredMeter(name: meter.id, bus: meter.bus, unit: Int(meter.unit), profile: meter.profileID,
                        metadataJSON: Self.json(meter.metadata), multiplier: meter.multiplier)
        }
        let meterIDs = try store.syncMeters(stored)
        let channelNames = Set(configuration.meters.flatMap { $0.channels.map(\.rawValue) })
        return Registered(meterIDs: meterIDs, channelIDs: try store.channelIDs(channelNames.sorted()), states: try store.meterStates())
    }

    /// The interval engine's task over every cumulative energy channel of the fleet.
    func makeIntervalTask(_ registered: Registered) -> IntervalTask {
        IntervalTask(configuration: configuration, store: store, clock: clock,
                     channels: IntervalChannel.all(of: configuration, meterIDs: registered.meterIDs, channelIDs: registered.channelIDs),
                     logger: logger)
    }

    /// One poller per bus, each meter restored from its persisted state.
    func makePollers(_ registered: Registered) -> [BusPoller] {
        let (meterIDs, channelIDs, states) = (registered.meterIDs, registered.channelIDs, registered.states)
        return configuration.buses.map { bus in
            let meters = configuration.meters.filter { $0.bus == bus.id }.compactMap { meter -> MeterRuntime? in
                guard let id = meterIDs[meter.id], let profile = configuration.profiles[meter.profileID] else { return nil }
                var channels: [PointName: Int64] = [:]
                for channel in meter.channels { channels[channel] = channelIDs[channel.rawValue] }
                return MeterRuntime(configuration: meter, meterID: id, channelIDs: channels, profile: profile, state: states[id])
            }
            return BusPoller(bus: bus, meters: meters, store: store, clock: clock, settings: configuration.schedule, logger: logger)
        }
    }

    static func json(_ metadata: MeterMetadata) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(metadata)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
