/// Where a bus is: a Modbus TCP server (a meter or a TCP-to-RS-485 gateway) or a serial line.
public enum ModbusEndpoint: Sendable, Hashable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case rtu(SerialSettings)

    public var description: String {
        switch self {
        case .tcp(let host, let port): "\(host):\(port)"
        case .rtu(let s): "\(s.device)@\(s.baud)\(s.parity.rawValue)\(s.dataBits)\(s.stopBits)"
        }
    }

    /// Parses `HOST:PORT` (IPv6 as `[::1]:502`); the port defaults to 502. A listening
    /// server may also ask for port 0, the kernel's choice of a free port.
    public static func tcp(parsing text: String, listening: Bool = false) -> ModbusEndpoint? {
        var host = text
        var port = 502
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let p = Int(rest.dropFirst()) else { return nil }
                port = p
            } else if !rest.isEmpty { return nil }
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            guard let p = Int(text[text.index(after: colon)...]) else { return nil }
            port = p
        }
        guard !host.isEmpty, ((listening ? 0 : 1)...65_535).contains(port) else { return nil }
        return .tcp(host: host, port: port)
    }
}
