/// Cuts the byte stream of a serial line into RTU request frames.
///
/// A request's length follows from its function code (8 bytes for 03/04/06, 9 plus the byte
/// count for 16), so a frame can be taken as soon as its last byte is in, without waiting
/// for the 3.5-character silence. Bytes that cannot start a known request are kept until the
/// line falls silent, then handed out as one frame (the CRC check rejects garbage).
public struct RTUFrameSplitter: Sendable {
    public private(set) var buffer: [UInt8] = []

    public init() {}

    public mutating func append(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

    /// The next complete frame by length, if one is in.
    public mutating func nextFrame() -> [UInt8]? {
        guard let length = expectedLength(), buffer.count >= length else { return nil }
        let frame = Array(buffer.prefix(length))
        buffer.removeFirst(length)
        return frame
    }

    /// Everything buffered, taken as one frame because the line went silent.
    public mutating func flushOnSilence() -> [UInt8]? {
        guard !buffer.isEmpty else { return nil }
        defer { buffer.removeAll() }
        return buffer
    }

    private func expectedLength() -> Int? {
        guard buffer.count >= 2 else { return nil }
        switch buffer[1] {
        case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06: return 8
        case 0x0F, 0x10:
            guard buffer.count >= 7 else { return nil }
            return 9 + Int(buffer[6])
        default: return nil
        }
    }
}
