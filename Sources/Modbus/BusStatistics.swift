/// Request counters for one bus.
public struct BusStatistics: Sendable, Hashable {
    public var succeeded = 0
    public var failures = 0
    public var retries = 0
    public var totalLatency: Duration = .zero
    public var maxLatency: Duration = .zero

    public init() {}

    mutating func recordSuccess(latency: Duration) {
        succeeded += 1
        totalLatency += latency
        maxLatency = max(maxLatency, latency)
    }

    public var meanLatency: Duration { succeeded == 0 ? .zero : totalLatency / succeeded }
}
