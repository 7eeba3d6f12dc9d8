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

    /// The baud rates Modbus RTU devices offer.
    public static let standardBaudRates = [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200]

    /// Settings as typed on a command line or in a config file, checked with a message that
    /// names the offending option (`--parity 'X' must be N, E or O`).
    public static func validated(device: String, baud: Int, parity: String, dataBits: Int, stopBits: Int) throws(SerialSettingsError) -> SerialSettings {
        guard let p = Parity(rawValue: parity.uppercased()) else { throw SerialSettingsError("--parity '\(parity)' must be N, E or O") }
        guard standardBaudRates.contains(baud) else { throw SerialSettingsError("--baud \(baud) is not a standard Modbus rate (1200-115200)") }
        guard (7...8).contains(dataBits), (1...2).contains(stopBits) else { throw SerialSettingsError("--data-bits must be 7 or 8 and --stop-bits 1 or 2") }
        return SerialSettings(device: device, baud: baud, parity: p, dataBits: dataBits, stopBits: stopBits)
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

public struct SerialSettingsError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
