/// The Modbus RTU frame check: CRC-16 with polynomial 0xA001 (reflected 0x8005), seed 0xFFFF,
/// sent low byte first.
public enum CRC16 {
    public static func modbus(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1
            }
        }
        return crc
    }

    /// `frame` with its CRC appended, low byte first.
    public static func appending(to frame: [UInt8]) -> [UInt8] {
        let crc = modbus(frame)
        return frame + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }

    /// Whether the last two bytes of `frame` are the CRC of the rest.
    public static func isValid(_ frame: ArraySlice<UInt8>) -> Bool {
        guard frame.count >= 4 else { return false }
        let body = frame.dropLast(2)
        let crc = modbus(body)
        return frame[frame.endIndex - 2] == UInt8(crc & 0xFF) && frame[frame.endIndex - 1] == UInt8(crc >> 8)
    }
}
