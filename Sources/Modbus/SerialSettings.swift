/// Serial line settings of an RS-485 bus, and the RTU timing that follows from them.
public struct SerialSettings: Sendable, Hashable {
    public enum Parity: String, Sendable, Hashable, CaseIterable {
        case none = "N", even = "E", odd = "O"
    }

    public var device: String
    public var baud: Int
    public var parity: Parity
    public var dataBits: Int
    public var stopBits: Int

    public init(device: String, baud: Int = 9600, parity: Parity = .even, dataBits: Int = 8, stopBits: Int = 1) {
        self.device = device
        self.baud = baud
        self.parity = parity
        self.dataBits = dataBits
        self.stopBits = stopBits
    }

    /// Bits on the wire per character: start bit, data bits, parity bit if any, stop bits.
    public var bitsPerCharacter: Int { 1 + dataBits + (parity == .none ? 0 : 1) + stopBits }

    /// Time one character occupies on the line.
    public var characterTime: Duration { .nanoseconds(Int64(bitsPerCharacter) * 1_000_000_000 / Int64(baud)) }

    /// The silence that must separate RTU frames: 3.5 character times, fixed at 1750 µs above
    /// 19200 baud as the Modbus serial line specification allows.
    public var interFrameSilence: Duration {
        baud > 19_200 ? .microseconds(1750) : characterTime * 3.5
    }

    /// Time a frame of `bytes` bytes occupies on the line.
    public func wireTime(bytes: Int) -> Duration { characterTime * bytes }
}
