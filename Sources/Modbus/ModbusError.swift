/// What a request was, so that every error can say which meter and register it concerns.
public struct ModbusRequestContext: Sendable, Hashable, CustomStringConvertible {
    public var endpoint: String
    public var unit: UInt8
    public var function: ModbusFunction
    public var address: UInt16
    public var count: Int

    public init(endpoint: String, unit: UInt8, function: ModbusFunction, address: UInt16, count: Int) {
        self.endpoint = endpoint
        self.unit = unit
        self.function = function
        self.address = address
        self.count = count
    }

    public var description: String {
        "unit \(unit) at \(endpoint), \(function.summary) of \(count) at \(hex(address))"
    }
}

func hex(_ address: UInt16) -> String {
    let digits = String(address, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// Everything that can go wrong talking to a meter, typed so callers can tell a dead meter
/// (timeout) from a wrong profile (illegal address) from a broken line (bad CRC).
public enum ModbusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The meter answered with an exception code.
    case exception(ModbusException, ModbusRequestContext)
    /// No complete answer within the response timeout.
    case timeout(ModbusRequestContext)
    /// An RTU reply whose checksum did not match: line noise, a collision or a bad termination.
    case badCRC(ModbusRequestContext)
    /// A reply that does not fit the request (wrong unit, function, length or transaction).
    case malformedReply(ModbusRequestContext, detail: String)
    /// The request itself is not valid Modbus (for example more than 125 registers).
    case invalidRequest(ModbusRequestContext, detail: String)
    case connectionRefused(endpoint: String)
    case connectionClosed(endpoint: String)
    /// The serial device does not exist or cannot be opened.
    case deviceUnavailable(endpoint: String, detail: String)
    /// Any other system-level failure, with the libmodbus call that failed.
    case io(endpoint: String, call: String, errno: Int32, detail: String)

    public var description: String {
        switch self {
        case .exception(let e, let c): "exception \(String(format2: e.rawValue)) \(e.summary) from \(c)"
        case .timeout(let c): "timeout: no reply from \(c)"
        case .badCRC(let c): "bad CRC in reply from \(c)"
        case .malformedReply(let c, let d): "malformed reply from \(c): \(d)"
        case .invalidRequest(let c, let d): "invalid request to \(c): \(d)"
        case .connectionRefused(let e): "connection refused by \(e)"
        case .connectionClosed(let e): "connection to \(e) closed"
        case .deviceUnavailable(let e, let d): "serial device \(e) unavailable: \(d)"
        case .io(let e, let call, let n, let d): "\(call) failed on \(e): \(d) (errno \(n))"
        }
    }

    /// Whether trying the same request again may succeed (timeouts, CRC errors, busy meters).
    public var isTransient: Bool {
        switch self {
        case .timeout, .badCRC: true
        case .exception(let e, _): e.isTransient
        default: false
        }
    }

    /// The request the error concerns, when it concerns one.
    public var context: ModbusRequestContext? {
        switch self {
        case .exception(_, let c), .timeout(let c), .badCRC(let c), .malformedReply(let c, _), .invalidRequest(let c, _): c
        default: nil
        }
    }
}

extension String {
    /// `0x02`-style spelling of an exception code.
    init(format2 value: UInt8) {
        let d = String(value, radix: 16, uppercase: true)
        self = "0x" + (d.count < 2 ? "0" + d : d)
    }
}
