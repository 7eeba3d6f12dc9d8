import Foundation
import Prometheus
import Store

/// What `/metrics` shows, in Prometheus text format.
///
/// Two sources: counters the collector increments as it polls (`PollMetrics`: polls,
/// failures, retries and latency per bus and meter), which reach this registry through
/// swift-metrics once `metergate run` bootstraps `PrometheusMetricsFactory(registry:)`;
/// and gauges read from the store on each scrape (meters offline, intervals estimated in
/// the last day, backlog rows, oldest backlog age and dead letters per destination, store
/// size). Reading those on scrape keeps them exact without a timer, and a scrape every
/// 15 s or more costs a few small queries.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Refreshes the store gauges and renders the registry.
    func scrape(_ access: StoreAccess) async throws(APIError) -> String {
        let snapshot = try await access.run { store in
            (status: try store.status(), estimated: try store.estimatedIntervalCount(since: Date().addingTimeInterval(-86_400)), size: Self.fileSize(store.path))
        }
        let now = Date()
        gauge("meters_offline", labels: [], help: "Meters marked offline after failed cycles")
            .set(Double(snapshot.status.meters.filter { $0.state?.health == .offline }.count))
        gauge("meters", labels: [], help: "Meters in the store").set(Double(snapshot.status.meters.count))
        gauge("intervals_estimated_24h", labels: [], help: "Interval revisions with an estimated quality whose interval started in the last 24 hours")
            .set(Double(snapshot.estimated))
        gauge("store_size_bytes", labels: [], help: "Size of the store file with its WAL").set(Double(snapshot.size))
        for outbox in snapshot.status.outboxes {
            let labels = [("destination", outbox.state.destination)]
            gauge("backlog_rows", labels: labels, help: "Rows not yet delivered to the destination")
                .set(Double(outbox.backlog.rows))
            gauge("backlog_oldest_age_seconds", labels: labels, help: "Age of the oldest undelivered row (0 when none)")
                .set(outbox.backlog.oldestWrittenAt.map { max(0, now.timeIntervalSince($0)) } ?? 0)
            gauge("dead_letters", labels: labels, help: "Dead-lettered batches of the destination")
                .set(Double(outbox.deadLetters))
        }
        return registry.emitToString()
    }

    /// A gauge `metergate_<name>` with help text (the registry returns the same gauge for
    /// the same name and labels on every scrape).
    private func gauge(_ name: String, labels: [(String, String)], help: String) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "metergate", metricName: name, unitName: "", helpText: help), labels: labels)
    }

    static func fileSize(_ path: String) -> Int64 {
        [path, path + "-wal"].reduce(Int64(0)) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0)
        }
    }
}
