import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Modbus RTU server on a serial device, answering for every unit its handler serves.
///
/// With `wireBaud` set, replies leave when they would have finished arriving on a real
/// line at that speed (request transmission, a 3.5-character turnaround plus any response
/// latency, then the reply's own transmission), so RTU timing can be qualified over a pty,
/// which has no baud rate. The server also measures the silence the master leaves before
/// each request and counts requests that start too early.
public final class ModbusRTUServer: @unchecked Sendable {
    // @unchecked: `fd` is fixed after init; `stats` and `stopped` are guarded by `lock`.
    public struct Options: Sendable {
        /// Line speed to emulate; nil answers as fast as the handler allows.
        public var wireBaud: Int?
        /// Meter processing time before the reply starts, on top of the 3.5-character turnaround.
        public var responseLatency: Duration
        public init(wireBaud: Int? = nil, responseLatency: Duration = .zero) {
            self.wireBaud = wireBaud
            self.responseLatency = responseLatency
        }
    }

    public let serial: SerialSettings
    public let options: Options
    private let handler: any ModbusRequestHandler
    private let fd: Int32
    private let lock = NSLock()
    private var stats = RTUServerStatistics()
    private var stopped = false
    private let clock = ContinuousClock()

    public init(serial: SerialSettings, options: Options = .init(), handler: any ModbusRequestHandler) throws(ModbusServerError) {
        let what = "open serial device \(serial.device)"
        let fd = try ModbusServerError.check(open(serial.device, O_RDWR | O_NOCTTY), "open", what)
        var tio = termios()
        if tcgetattr(fd, &tio) == 0 {
            Self.configure(&tio, for: serial)
            tcsetattr(fd, TCSANOW, &tio)
        }
        self.fd = fd
        self.serial = serial
        self.options = options
        self.handler = handler
    }

    deinit {
        stop()
        close(fd)
    }

    public var statistics: RTUServerStatistics { lock.withLock { stats } }

    /// Raw mode with the line's speed, character size, parity and stop bits, so the emulator
    /// also works on a real USB-RS485 adapter (a pty ignores all but raw mode).
    private static func configure(_ tio: inout termios, for serial: SerialSettings) {
        cfmakeraw(&tio)
        let speeds: [Int: speed_t] = [1200: speed_t(B1200), 2400: speed_t(B2400), 4800: speed_t(B4800), 9600: speed_t(B9600),
                                      19_200: speed_t(B19200), 38_400: speed_t(B38400), 57_600: speed_t(B57600), 115_200: speed_t(B115200)]
        if let speed = speeds[serial.baud] { cfsetispeed(&tio, speed); cfsetospeed(&tio, speed) }
        tio.c_cflag &= ~tcflag_t(CSIZE | PARENB | PARODD | CSTOPB)
        tio.c_cflag |= tcflag_t(serial.dataBits == 7 ? CS7 : CS8) | tcflag_t(CLOCAL | CREAD)
        if serial.parity != .none { tio.c_cflag |= tcflag_t(PARENB) }
        if serial.parity == .odd { tio.c_cflag |= tcflag_t(PARODD) }
        if serial.stopBits == 2 { tio.c_cflag |= tcflag_t(CSTOPB) }
    }

    public func start() {
        let thread = Thread { [self] in serve() }
        thread.name = "modbus-rtu \(serial.device)"
        thread.start()
    }

    public func stop() { lock.withLock { stopped = true } }

    /// The line timing replies are paced to: the emulated wire when set, else the port's own.
    private var wire: SerialSettings {
        var w = serial
        if let baud = options.wireBaud { w.baud = baud }
        return w
    }

    private func serve() {
        var splitter = RTUFrameSplitter()
        var frameStart = clock.now
        var chunk = [UInt8](repeating: 0, count: 512)
        let silenceMs = Int32(max(1, (serial.interFrameSilence / .milliseconds(1)).rounded(.up)))
        while !lock.withLock({ stopped }) {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, splitter.buffer.isEmpty ? 100 : silenceMs)
            if ready == 0 {
                if let frame = splitter.flushOnSilence() { handle(frame, arrivedAt: frameStart) }
                continue
            }
            if ready < 0 { if errno == EINTR { continue } else { return } }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 {
                if n == -1 && (errno == EINTR || errno == EAGAIN) { continue }
                // The other end of a pty closed; wait for it to reopen rather than spin.
                sleepPrecisely(.milliseconds(20))
                continue
            }
            if splitter.buffer.isEmpty { frameStart = clock.now }
            splitter.append(chunk[0..<n])
            while let frame = splitter.nextFrame() {
                handle(frame, arrivedAt: frameStart)
                frameStart = clock.now
            }
        }
    }

    private func handle(_ frame: [UInt8], arrivedAt: ContinuousClock.Instant) {
        let silence = wire.interFrameSilence
        lock.withLock { stats.recordRequest(arrivedAt: arrivedAt, requiredSilence: silence) }
        guard CRC16.isValid(frame[...]) else {
            lock.withLock { stats.badFrames += 1 }
            return
        }
        let unit = frame[0]
        let pdu = frame[1..<(frame.count - 2)]
        let reply: ModbusServerReply
        let replyPDU: [UInt8]?
        switch ModbusRequest.decode(unit: unit, pdu: pdu) {
        case .success(let request):
            reply = handler.reply(to: request)
            replyPDU = unit == 0 ? nil : reply.pdu(for: request)  // broadcasts are never answered
        case .failure(let e):
            reply = ModbusServerReply(.exception(e))
            replyPDU = unit != 0 && handler.serves(unit: unit) ? [(pdu.first ?? 0) | 0x80, e.rawValue] : nil
        }
        guard let replyPDU else { return }
        var out = CRC16.appending(to: [unit] + replyPDU)
        if reply.corruptChecksum { out[out.count - 1] ^= 0xFF }
        var due = arrivedAt + reply.delay
        if options.wireBaud != nil {
            due += wire.wireTime(bytes: frame.count) + max(silence, options.responseLatency) + wire.wireTime(bytes: out.count)
        }
        let wait = due - clock.now
        if wait > .zero { sleepPrecisely(wait) }
        // Recorded before the write: a client that has its answer never sees a stale count, and
        // the silence is measured from an instant the master cannot have seen the reply before.
        // Timed after the write, a server thread descheduled on a busy machine would see the
        // master's next request "too early" when the master had in fact waited long enough.
        let sent = clock.now
        lock.withLock {
            stats.replies += 1
            stats.recordReplyEnd(at: sent)
        }
        _ = writeFully(fd, out)
    }
}

/// What an RTU server saw on its line: the evidence for "never shorter gaps than the standard".
public struct RTUServerStatistics: Sendable, Hashable {
    public var requests = 0
    public var replies = 0
    /// Frames dropped for a wrong CRC or length.
    public var badFrames = 0
    /// Shortest silence observed between the end of a reply and the next request.
    public var shortestGap: Duration?
    /// Requests that started less than 3.5 characters after the previous reply.
    public var gapViolations = 0
    private var lastReplyEnd: ContinuousClock.Instant?

    public init() {}

    mutating func recordRequest(arrivedAt: ContinuousClock.Instant, requiredSilence: Duration) {
        requests += 1
        guard let lastReplyEnd else { return }
        let gap = arrivedAt - lastReplyEnd
        shortestGap = min(shortestGap ?? gap, gap)
        if gap < requiredSilence { gapViolations += 1 }
        self.lastReplyEnd = nil
    }

    mutating func recordReplyEnd(at instant: ContinuousClock.Instant) {
        lastReplyEnd = instant
    }
}
