/// An async Modbus master for one bus (a TCP connection or an RS-485 line).
///
/// All I/O runs on the bus's own owner thread; callers on any task await the results. Work
/// from different callers is serialised in submission order, which is what a shared line
/// needs: an on-demand read and the scheduled poll queue up instead of colliding.
public final class ModbusClient: Sendable {
    public let endpoint: ModbusEndpoint
    private let owner: BusOwnerThread<ModbusBusSession>

    public init(endpoint: ModbusEndpoint, options: ModbusClientOptions = .init()) {
        self.endpoint = endpoint
        owner = BusOwnerThread(name: "bus \(endpoint)") { ModbusBusSession(endpoint: endpoint, options: options) }
    }

    deinit { owner.stop() }

    /// Runs `body` on the bus owner thread with exclusive use of the bus: several requests
    /// in one body (a meter's whole poll) pay for one thread hop, and nothing interleaves.
    public func perform<T: Sendable>(_ body: @escaping @Sendable (ModbusBusSession) throws(ModbusError) -> T) async throws(ModbusError) -> T {
        let endpoint = self.endpoint
        let result: Result<T, ModbusError> = await withCheckedContinuation { continuation in
            let accepted = owner.submit { session in
                continuation.resume(returning: Result { () throws(ModbusError) -> T in try body(session) })
            }
            if !accepted { continuation.resume(returning: .failure(.connectionClosed(endpoint: endpoint.description))) }
        }
        return try result.get()
    }

    public func read(_ table: RegisterTable, unit: UInt8, address: UInt16, count: Int,
                     timeout: Duration? = nil, retries: Int? = nil) async throws(ModbusError) -> [UInt16] {
        try await perform { (session) throws(ModbusError) in
            try session.read(table, unit: unit, address: address, count: count, timeout: timeout, retries: retries)
        }
    }

    public func write(unit: UInt8, address: UInt16, values: [UInt16]) async throws(ModbusError) {
        try await perform { (session) throws(ModbusError) in try session.write(unit: unit, address: address, values: values) }
    }

    public func statistics() async -> BusStatistics {
        (try? await perform { $0.statistics }) ?? BusStatistics()
    }

    /// Finishes queued work, closes the connection and ends the owner thread.
    public func shutdown() { owner.stop() }
}
