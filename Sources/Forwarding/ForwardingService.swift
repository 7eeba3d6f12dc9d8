import Collector
import Foundation
import GatewayConfig
import Logging
import ServiceLifecycle
import Store

/// The gateway's forwarding job: billing determinants computed as cycles close, and one
/// `Outbox` per configured destination, in parallel, each at its own pace, so a warehouse
/// that is down holds up nothing but its own backlog.
public struct ForwardingService: Service {
    public let configuration: GatewayConfiguration
    public let store: MeterStore
    public let clock: ServiceClock
    private let logger: Logger

    public init(configuration: GatewayConfiguration, store: MeterStore, clock: ServiceClock, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        let outboxes = try configuration.destinations.map(outbox(for:))
        if !outboxes.isEmpty { logger.notice("forwarding to \(outboxes.map(\.destination.id).joined(separator: ", "))") }
        let billing = BillingTask(configuration: configuration, store: store, clock: clock, logger: logger)
        await withTaskGroup(of: Void.self) { group in
            for outbox in outboxes { group.addTask { await outbox.run() } }
            group.addTask { await billing.run() }
        }
    }

    /// Re-bills one meter's cycles that overlap `range`, after a re-read revised them.
    ///
    /// The hourly billing run may be computing the same cycle at this moment; the store's
    /// unique (meter, cycle, version) key refuses the second writer, and one retry then
    /// compares against the version the other one stored.
    public func rebill(meter: String, range: Range<Date>) throws -> [RereadResult.BillingVersion] {
        let billing = BillingTask(configuration: configuration, store: store, clock: clock, logger: logger)
        let rows: [BillingCycleRow]
        do { rows = try billing.recompute(meter: meter, range: range, at: clock.now()) } catch {
            rows = try billing.recompute(meter: meter, range: range, at: clock.now())
        }
        return rows.map { RereadResult.BillingVersion(cycleStart: $0.cycleStart, version: $0.version) }
    }

    /// The outbox of one configured destination.
    public func outbox(for destination: DestinationConfiguration) throws(ForwardingSetupError) -> Outbox {
        Outbox(destination: try DestinationFactory.make(destination, gateway: configuration, logger: logger), table: destination.payload == .billing ? .billingCycle : .interval,
               store: store, clock: clock, gatewayID: configuration.gatewayID, batchSize: destination.batchSize,
               backoff: Backoff(minimumSeconds: Double(destination.minBackoffSeconds), maximumSeconds: Double(destination.maxBackoffSeconds)),
               idleSeconds: Double(min(configuration.schedule.readEverySeconds, 60)), logger: logger)
    }
}

/// A destination the configuration names but this build cannot make.
public struct ForwardingSetupError: Error, Sendable, CustomStringConvertible {
    public var destination: String
    public var reason: String

    public init(destination: String, reason: String) {
        self.destination = destination
        self.reason = reason
    }

    public var description: String { "destination \(destination): \(reason)" }
}
