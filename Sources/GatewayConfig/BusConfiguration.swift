import Modbus

/// One physical bus the gateway polls: a Modbus TCP server (a meter or a TCP-to-RS-485
/// gateway) or a serial line, with how patiently to talk to it.
///
/// Each bus gets its own poller, so its failure handling (`offlineAfter`, `maxBackoffSeconds`)
/// is configured per bus: a flaky radio link and a clean wired line need different patience.
public struct BusConfiguration: Sendable, Hashable {
    /// Unique among the buses; meters refer to it.
    public var id: String
    public var endpoint: ModbusEndpoint
    /// Timeout, retries and the RTU unit-switch pause.
    public var options: ModbusClientOptions
    /// Consecutive failed cycles before a meter on this bus is marked offline.
    public var offlineAfter: Int
    /// The longest wait between attempts at an offline meter, in seconds.
    public var maxBackoffSeconds: Int

    public init(id: String, endpoint: ModbusEndpoint, options: ModbusClientOptions = ModbusClientOptions(),
                offlineAfter: Int = 2, maxBackoffSeconds: Int = 3600) {
        self.id = id
        self.endpoint = endpoint
        self.options = options
        self.offlineAfter = offlineAfter
        self.maxBackoffSeconds = maxBackoffSeconds
    }
}
