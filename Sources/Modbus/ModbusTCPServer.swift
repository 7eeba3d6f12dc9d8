import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Modbus TCP server: MBAP framing on a listening socket, one thread per connection.
///
/// Threads rather than an event loop because the handler may sleep to emulate a slow meter
/// and connections are few (a gateway keeps one per bus). Every unit id is passed to the
/// handler, which behaves like a TCP-to-RS-485 gateway in front of many meters.
public final class ModbusTCPServer: @unchecked Sendable {
    // @unchecked: `listener` is set once in init; `connections` is guarded by `lock`.
    public let host: String
    /// The bound port (the kernel's choice when 0 was asked for).
    public let port: Int
    private let handler: any ModbusRequestHandler
    private let listener: Int32
    private let lock = NSLock()
    private var connections: Set<Int32> = []
    private var stopped = false

    public init(host: String, port: Int, handler: any ModbusRequestHandler) throws(ModbusServerError) {
        let what = "listen on \(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var info: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &info)
        guard rc == 0, let info else { throw ModbusServerError(what: what, call: "getaddrinfo", errno: EINVAL) }
        defer { freeaddrinfo(info) }
        let fd = try ModbusServerError.check(socket(info.pointee.ai_family, info.pointee.ai_socktype, 0), "socket", what)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        do {
            try ModbusServerError.check(bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen), "bind", what)
            try ModbusServerError.check(listen(fd, 64), "listen", what)
        } catch {
            close(fd)
            throw error
        }
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) } }
        self.port = Int(bound.ss_family == sa_family_t(AF_INET6)
            ? withUnsafePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) } }
            : withUnsafePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) } })
        self.host = host
        self.handler = handler
        self.listener = fd
    }

    /// Starts accepting connections on a background thread and returns.
    public func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "modbus-tcp accept"
        thread.start()
    }

    /// Stops accepting and closes every connection.
    public func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd == -1 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let accepted = lock.withLock { () -> Bool in
                guard !stopped else { return false }
                connections.insert(fd)
                return true
            }
            guard accepted else { close(fd); return }
            let thread = Thread { [self] in serve(fd) }
            thread.name = "modbus-tcp connection"
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            lock.withLock { _ = connections.remove(fd) }
            close(fd)
        }
        var header = [UInt8](repeating: 0, count: 7)
        while readFully(fd, &header) {
            // MBAP: transaction id, protocol id (0), length of unit id + PDU, unit id.
            let length = Int(header[4]) << 8 | Int(header[5])
            guard header[2] == 0, header[3] == 0, (2...254).contains(length) else { return }
            var pdu = [UInt8](repeating: 0, count: length - 1)
            guard readFully(fd, &pdu) else { return }
            let unit = header[6]
            let request = ModbusRequest.decode(unit: unit, pdu: pdu[...])
            let reply: ModbusServerReply
            let replyPDU: [UInt8]?
            switch request {
            case .success(let r):
                reply = handler.reply(to: r)
                replyPDU = reply.pdu(for: r)
            case .failure(let e):
                reply = ModbusServerReply(.exception(e))
                replyPDU = [(pdu.first ?? 0) | 0x80, e.rawValue]
            }
            if reply.delay > .zero { sleepPrecisely(reply.delay) }
            guard let replyPDU else { continue }
            let out = Array(header[0..<4]) + [UInt8((replyPDU.count + 1) >> 8), UInt8((replyPDU.count + 1) & 0xFF), unit] + replyPDU
            guard writeFully(fd, out) else { return }
        }
    }
}

/// Reads exactly `buffer.count` bytes; false on end of stream or error.
func readFully(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
    var done = 0
    while done < buffer.count {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, $0.count - done) }
        if n > 0 { done += n } else if n == -1 && errno == EINTR { continue } else { return false }
    }
    return true
}

func writeFully(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
        if n > 0 { done += n } else if n == -1 && errno == EINTR { continue } else { return false }
    }
    return true
}
