import MeterAccess
import Metrics

/// Per-bus, per-meter poll counters for `/metrics`, through swift-metrics: whatever backend
/// the process bootstrapped (Prometheus in `metergate run`) gets them; without one they
/// cost next to nothing. The poller calls `record` once per meter poll.
enum PollMetrics {
    /// Counts one poll of `meter` on `bus`: a poll, a failure when it failed, its retries,
    /// and the time its requests took.
    static func record(_ poll: MeterPoll, bus: String, meter: String) {
        let dimensions = [("bus", bus), ("meter", meter)]
        Counter(label: "metergate_polls_total", dimensions: dimensions).increment()
        if poll.failure != nil { Counter(label: "metergate_poll_failures_total", dimensions: dimensions).increment() }
        if poll.retries > 0 { Counter(label: "metergate_poll_retries_total", dimensions: dimensions).increment(by: poll.retries) }
        let (seconds, attoseconds) = poll.latency.components
        Metrics.Timer(label: "metergate_poll_latency_seconds", dimensions: dimensions).recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
