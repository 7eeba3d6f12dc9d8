/// The wait before the next attempt after consecutive failures: exponential from `minimum`
/// to `maximum`, with "equal jitter" (half fixed, half random) so that gateways that lost
/// the same backend at the same moment do not all come back at the same moment.
public struct Backoff: Sendable, Hashable {
    public var minimumSeconds: Double
    public var maximumSeconds: Double

    public init(minimumSeconds: Double, maximumSeconds: Double) {
        self.minimumSeconds = minimumSeconds
        self.maximumSeconds = max(minimumSeconds, maximumSeconds)
    }

    /// The wait after the `failures`-th consecutive failure (1 for the first).
    /// - Parameter random: a number in 0..<1 (injectable so tests know the jitter).
    public func delay(afterFailures failures: Int, random: Double) -> Double {
        let exponent = Double(min(max(failures - 1, 0), 62))
        let ceiling = min(maximumSeconds, minimumSeconds * pow2(exponent))
        return ceiling / 2 + ceiling / 2 * min(max(random, 0), 1)
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) {
            value *= 2
            if value * minimumSeconds >= maximumSeconds { break }
        }
        return value
    }
}
