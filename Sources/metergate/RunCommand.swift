import ArgumentParser
import Collector
import Forwarding
import Foundation
import GatewayConfig
import Headend
import Logging
import MeterKit
import Metrics
import Prometheus
import ServiceLifecycle
import Store

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the gateway: poll every configured meter into the store until SIGTERM or SIGINT.",
        discussion: """
        Each bus gets its own poller; meters on a bus are read in turn on every read boundary (aligned to UTC), then their recorded load profiles are read back from the persisted resume point, and the cycle is committed in one transaction. On SIGTERM or SIGINT every poller finishes and commits the cycle it is in, closes its connection, and the process exits 0. After a crash, a restart resumes from the store: meter health, back-off and backfill points.

        metergate run --config /etc/metergate/gateway.yaml
        """
    )

    @Option(help: "The gateway configuration (YAML); check it first with `metergate config check`.")
    var config: String

    func run() async throws {
        #if canImport(Glibc)
        MallocArenas.limit(to: 2)
        #endif
        MeterStore.applyProcessSettings()
        try await reportingFailures {
            let configuration = try GatewayConfiguration.load(path: config)
            let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "metergate")
            let clock = try ServiceClock(timeBase: configuration.timeBasePath.map(Self.timeBase(at:)))
            let store = try MeterStore(path: configuration.store.path)
            let forwarding = ForwardingService(configuration: configuration, store: store, clock: clock, logger: logger)
            let collector = CollectorService(configuration: configuration, store: store, clock: clock,
                                             rebilling: { meter, range in try forwarding.rebill(meter: meter, range: range) }, logger: logger)
            // Named here: without a name, service-lifecycle describes each service by reflection,
            // which for the collector walks the whole fleet's configuration into one string of
            // megabytes at start-up (a sixth of the process's page faults).
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
                .init(service: collector, serviceName: "collector"),
                .init(service: forwarding, successTerminationBehavior: .ignore, serviceName: "forwarding"),
            ]
            if let api = configuration.api {
                // Once per process: the pollers' counters reach the registry /metrics renders.
                let metrics = GatewayMetrics()
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
                let scheme = api.tls == nil ? "http" : "https"
                let rereadable = Set(configuration.meters.filter { configuration.profiles[$0.profileID]?.loadProfile != nil }.map(\.id))
                let requests = ReadRequestPolicy(rereadable: rereadable, now: { clock.now() })
                let server = try HeadendServer(settings: api, store: store, metrics: metrics, logger: logger, requests: requests,
                                               statusPage: StatusPageSite(gatewayID: configuration.gatewayID, timeZone: configuration.vee.timeZone),
                                               onListening: { port in
                    logger.notice("API listening on \(scheme)://\(api.host):\(port)")
                })
                services.append(.init(service: server, serviceName: "headend"))
            }
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            try store.close()
        }
    }

    static func timeBase(at path: String) throws -> TimeBase {
        do {
            return try TimeBase.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw UsageFailure("time_base \(path): not a readable meter-sim time base (\(error.localizedDescription))")
        }
    }
}
