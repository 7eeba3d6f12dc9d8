import CModbus
#if canImport(Glibc)
import Glibc
#endif

/// One libmodbus context (`modbus_t`): a TCP connection or an open serial line.
///
/// libmodbus contexts are not thread-safe and every call blocks, so a context is created,
/// used and freed on its bus owner thread only (see `BusOwnerThread`); this type is
/// deliberately not Sendable. Every `modbus_*` call that can fail goes through `check`, the
/// one place where "-1 and errno" becomes a typed `ModbusError`.
final class LibModbusContext {
    private let raw: OpaquePointer
    let endpoint: ModbusEndpoint
    private var responseTimeout: Duration = .zero

    init(endpoint: ModbusEndpoint) throws(ModbusError) {
        self.endpoint = endpoint
        let made: OpaquePointer?
        switch endpoint {
        case .tcp(let host, let port):
            made = modbus_new_tcp_pi(host, String(port))
        case .rtu(let s):
            // A pseudo-terminal has no wire and so no parity bit; Linux drops PARENB on it, and
            // glibc's tcsetattr then fails with EINVAL at random depending on the state the
            // previous user left. The configured parity still times the frames (`SerialSettings`).
            let parity = Self.isPseudoTerminal(s.device) ? .none : s.parity
            made = modbus_new_rtu(s.device, Int32(s.baud), CChar(UInt8(ascii: parity == .none ? "N" : parity == .even ? "E" : "O")),
                                  Int32(s.dataBits), Int32(s.stopBits))
        }
        guard let made else {
            throw .io(endpoint: endpoint.description, call: "modbus_new", errno: cmodbus_errno(), detail: "cannot create a libmodbus context")
        }
        raw = made
        // Errors are handled by the session (flush, silence, reconnect), never by libmodbus
        // sleeping on its own inside a call.
        modbus_set_error_recovery(raw, MODBUS_ERROR_RECOVERY_NONE)
    }

    deinit {
        modbus_close(raw)
        modbus_free(raw)
    }

    func connect() throws(ModbusError) {
        if modbus_connect(raw) == -1 {
            let e = cmodbus_errno()
            switch (endpoint, e) {
            case (.tcp, ECONNREFUSED): throw .connectionRefused(endpoint: endpoint.description)
            case (.rtu, _): throw .deviceUnavailable(endpoint: endpoint.description, detail: Self.message(e))
            default: throw .io(endpoint: endpoint.description, call: "modbus_connect", errno: e, detail: Self.message(e))
            }
        }
    }

    func setResponseTimeout(_ timeout: Duration) {
        guard timeout != responseTimeout else { return }
        let (seconds, attoseconds) = timeout.components
        modbus_set_response_timeout(raw, UInt32(seconds), UInt32(attoseconds / 1_000_000_000_000))
        responseTimeout = timeout
    }

    func setByteTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        modbus_set_byte_timeout(raw, UInt32(seconds), UInt32(attoseconds / 1_000_000_000_000))
    }

    /// Reads the registers of `context` onto the end of `words`; a failed read leaves `words` as it was.
    func read(_ table: RegisterTable, _ context: ModbusRequestContext, appendingTo words: inout [UInt16]) throws(ModbusError) {
        try check(modbus_set_slave(raw, Int32(context.unit)), "modbus_set_slave", context)
        let start = words.count
        words.append(contentsOf: repeatElement(0, count: context.count))
        let got = words.withUnsafeMutableBufferPointer { buffer in
            let into = buffer.baseAddress! + start
            return table == .holding
                ? modbus_read_registers(raw, Int32(context.address), Int32(context.count), into)
                : modbus_read_input_registers(raw, Int32(context.address), Int32(context.count), into)
        }
        do throws(ModbusError) {
            try check(got, table == .holding ? "modbus_read_registers" : "modbus_read_input_registers", context)
            guard Int(got) == context.count else {
                throw .malformedReply(context, detail: "\(got) registers instead of \(context.count)")
            }
        } catch {
            words.removeSubrange(start...)
            throw error
        }
    }

    func write(_ values: [UInt16], _ context: ModbusRequestContext) throws(ModbusError) {
        try check(modbus_set_slave(raw, Int32(context.unit)), "modbus_set_slave", context)
        let rc = values.withUnsafeBufferPointer { buffer in
            context.function == .writeSingleRegister
                ? modbus_write_register(raw, Int32(context.address), buffer[0])
                : modbus_write_registers(raw, Int32(context.address), Int32(values.count), buffer.baseAddress)
        }
        try check(rc, "modbus_write_registers", context)
    }

    /// Discards whatever is waiting in the receive buffer (a late or garbled reply).
    func flush() { _ = modbus_flush(raw) }

    /// Turns libmodbus's "-1 and errno" into a typed error naming the request.
    @discardableResult
    private func check(_ rc: Int32, _ call: String, _ context: ModbusRequestContext) throws(ModbusError) -> Int32 {
        guard rc == -1 else { return rc }
        let e = cmodbus_errno()
        let base = Int32(MODBUS_ENOBASE)
        switch e {
        case cmodbus_EMBXILFUN...cmodbus_EMBXGTAR:
            guard let code = ModbusException(rawValue: UInt8(e - base)) else { fallthrough }
            throw .exception(code, context)
        case cmodbus_EMBBADCRC: throw .badCRC(context)
        case cmodbus_EMBBADDATA, cmodbus_EMBBADEXC, cmodbus_EMBUNKEXC, cmodbus_EMBBADSLAVE:
            throw .malformedReply(context, detail: Self.message(e))
        case cmodbus_EMBMDATA: throw .invalidRequest(context, detail: Self.message(e))
        case ETIMEDOUT: throw .timeout(context)
        case ECONNRESET, EPIPE, ENOTCONN, EBADF: throw .connectionClosed(endpoint: endpoint.description)
        case ECONNREFUSED: throw .connectionRefused(endpoint: endpoint.description)
        case EINVAL: throw .invalidRequest(context, detail: Self.message(e))
        default: throw .io(endpoint: endpoint.description, call: call, errno: e, detail: Self.message(e))
        }
    }

    private static func message(_ e: Int32) -> String { String(cString: modbus_strerror(e)) }

    /// Unix98 pty slaves (/dev/pts/N, and links to them such as socat's) have majors 136-143.
    static func isPseudoTerminal(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFCHR else { return false }
        let major = (info.st_rdev >> 8) & 0xFFF | (info.st_rdev >> 32) & ~0xFFF  // glibc's major()
        return (136...143).contains(major)
    }
}
