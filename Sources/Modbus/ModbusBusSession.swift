#if canImport(Glibc)
import Glibc
#endif

/// Synchronous access to one bus, used only on its owner thread (inside `ModbusClient.perform`).
///
/// The session enforces what libmodbus leaves to the caller on a serial line: at least 3.5
/// character times of silence between the end of one frame and the start of the next, an
/// extra pause after switching unit id, and a clean line after an error (wait, then flush).
/// It connects lazily and reconnects after the connection is lost.
public final class ModbusBusSession {
    public let endpoint: ModbusEndpoint
    public let options: ModbusClientOptions
    /// `endpoint.description`, which every request's context carries for its errors: made
    /// once, not formatted again for every request of a poll.
    private let endpointName: String
    /// Counters since the session started: what a poller reports per bus.
    public private(set) var statistics = BusStatistics()

    private var context: LibModbusContext?
    private var lastUnit: UInt8?
    /// When the line last went quiet (end of the last reply, or of the last timeout).
    private var quietSince: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    init(endpoint: ModbusEndpoint, options: ModbusClientOptions) {
        self.endpoint = endpoint
        self.options = options
        endpointName = endpoint.description
    }

    /// Reads `count` registers, retrying transient failures up to `retries` times (default
    /// `options.retries`; a bus scan probes empty units with none).
    public func read(_ table: RegisterTable, unit: UInt8, address: UInt16, count: Int, timeout: Duration? = nil, retries: Int? = nil) throws(ModbusError) -> [UInt16] {
        var words: [UInt16] = []
        try read(table, unit: unit, address: address, count: count, timeout: timeout, retries: retries, appendingTo: &words)
        return words
    }

    /// `read`, onto the end of `words`, which a failed read leaves as it was: a poller reads
    /// all of a meter's blocks into one buffer instead of allocating one per request.
    public func read(_ table: RegisterTable, unit: UInt8, address: UInt16, count: Int, timeout: Duration? = nil, retries: Int? = nil,
                     appendingTo words: inout [UInt16]) throws(ModbusError) {
        let request = ModbusRequestContext(endpoint: endpointName, unit: unit, function: table.readFunction, address: address, count: count)
        guard (1...125).contains(count), Int(address) + count <= 65_536 else {
            throw .invalidRequest(request, detail: "a read covers 1 to 125 registers inside 0x0000-0xFFFF")
        }
        try transact(request, timeout: timeout, retries: retries) { (ctx) throws(ModbusError) in try ctx.read(table, request, appendingTo: &words) }
    }

    /// Writes registers with function 16 (or 06 for a single register when `single` is set).
    public func write(unit: UInt8, address: UInt16, values: [UInt16], single: Bool = false, timeout: Duration? = nil) throws(ModbusError) {
        let function: ModbusFunction = single && values.count == 1 ? .writeSingleRegister : .writeMultipleRegisters
        let request = ModbusRequestContext(endpoint: endpointName, unit: unit, function: function, address: address, count: values.count)
        guard (1...123).contains(values.count), Int(address) + values.count <= 65_536 else {
            throw .invalidRequest(request, detail: "a write covers 1 to 123 registers inside 0x0000-0xFFFF")
        }
        try transact(request, timeout: timeout, retries: nil) { (ctx) throws(ModbusError) in try ctx.write(values, request) }
    }

    /// Closes the connection; the next request opens it again.
    public func disconnect() {
        context = nil
        lastUnit = nil
    }

    private func transact<T>(_ request: ModbusRequestContext, timeout: Duration?, retries: Int?, _ body: (LibModbusContext) throws(ModbusError) -> T) throws(ModbusError) -> T {
        var attempt = 0
        while true {
            do throws(ModbusError) {
                let ctx = try connected()
                ctx.setResponseTimeout(timeout ?? options.responseTimeout)
                waitForSilence(before: request.unit)
                let started = clock.now
                let result: T
                do throws(ModbusError) {
                    result = try body(ctx)
                } catch {
                    quietSince = clock.now
                    lastUnit = request.unit
                    throw error
                }
                // One reading of the clock for both: a poll of a fast meter is a few microseconds.
                let finished = clock.now
                quietSince = finished
                lastUnit = request.unit
                statistics.recordSuccess(latency: finished - started)
                return result
            } catch {
                statistics.failures += 1
                recover(after: error)
                guard error.isTransient, attempt < (retries ?? options.retries) else { throw error }
                attempt += 1
                statistics.retries += 1
            }
        }
    }

    private func connected() throws(ModbusError) -> LibModbusContext {
        if let context { return context }
        let made = try LibModbusContext(endpoint: endpoint)
        try made.connect()
        if case .rtu(let serial) = endpoint {
            // A reply's bytes arrive back to back; a gap of more than 1.5 characters ends it
            // on a real line, but a loaded host needs slack, so allow a generous floor.
            made.setByteTimeout(max(serial.characterTime * 4, .milliseconds(50)))
        }
        context = made
        return made
    }

    /// Sleeps until the line has been quiet long enough for the next frame to start.
    private func waitForSilence(before unit: UInt8) {
        guard case .rtu(let serial) = endpoint, let quietSince else { return }
        var silence = serial.interFrameSilence
        if let lastUnit, lastUnit != unit { silence += options.unitSwitchPause }
        let remaining = quietSince + silence - clock.now
        if remaining > .zero { sleepPrecisely(remaining) }
    }

    private func recover(after error: ModbusError) {
        switch error {
        case .connectionClosed, .connectionRefused, .deviceUnavailable, .io:
            disconnect()
        case .timeout, .badCRC, .malformedReply:
            // A late or garbled reply may still be arriving; let it finish, then drop it so it
            // is not taken for the answer to the next request.
            if case .rtu(let serial) = endpoint { sleepPrecisely(serial.interFrameSilence) }
            context?.flush()
            quietSince = clock.now
        case .exception, .invalidRequest:
            break
        }
    }
}

/// Blocks the calling (owner) thread; never called on the cooperative pool.
func sleepPrecisely(_ duration: Duration) {
    let (seconds, attoseconds) = duration.components
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
}
