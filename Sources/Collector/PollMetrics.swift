import MeterAccess
import Metrics

/// Per-bus, per-meter poll counters for `/metrics`, through swift-metrics: whatever backend
/// the process bootstrapped (Prometheus in `metergate run`) gets them; without one they
/// cost next to nothing. Made once per meter, so a poll only increments: creating a
/// handler asks the backend's registry, under its lock, for the series.
struct PollMetrics: Sendable {
    let polls: Counter
    let failures: Counter
    let retries: Counter
    let latency: Metrics.Timer

    init(bus: String, meter: String) {
        let dimensions = [("bus", bus), ("meter", meter)]
        polls = Counter(label: "metergate_polls_total", dimensions: dimensions)
        failures = Counter(label: "metergate_poll_failures_total", dimensions: dimensions)
        retries = Counter(label: "metergate_poll_retries_total", dimensions: dimensions)
        latency = Metrics.Timer(label: "metergate_poll_latency_seconds", dimensions: dimensions)
    }

    /// Counts one poll: a poll, a failure when it failed, its retries, and the time its
    /// requests took.
    func record(_ poll: MeterPoll) {
        polls.increment()
        if poll.failure != nil { failures.increment() }
        if poll.retries > 0 { retries.increment(by: poll.retries) }
        let (seconds, attoseconds) = poll.latency.components
        latency.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
