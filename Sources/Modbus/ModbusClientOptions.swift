/// How a client talks to one bus.
public struct ModbusClientOptions: Sendable, Hashable {
    /// How long to wait for a reply before giving up on a request.
    public var responseTimeout: Duration
    /// Extra silence after addressing a different unit than the previous request, on RTU.
    /// Some RS-485 converters and meters miss the first frame after the line turns around to
    /// another device; a few milliseconds here is cheaper than a timeout and a retry.
    public var unitSwitchPause: Duration
    /// How many times a transient failure (timeout, bad CRC, busy, gateway target) is retried.
    public var retries: Int

    public init(responseTimeout: Duration = .milliseconds(1000), unitSwitchPause: Duration = .milliseconds(5), retries: Int = 1) {
        self.responseTimeout = responseTimeout
        self.unitSwitchPause = unitSwitchPause
        self.retries = retries
    }
}
