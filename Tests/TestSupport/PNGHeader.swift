import Foundation

/// The image header (IHDR chunk) of a PNG file: enough to check that a file is a PNG of the
/// expected size without decoding it.
public struct PNGHeader: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var bitDepth: Int
    /// 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA.
    public var colorType: Int

    /// The header of `data`, nil when it does not start with the PNG signature and an IHDR chunk.
    public init?(_ data: Data) {
        let bytes = [UInt8](data.prefix(26))
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // Signature, then the first chunk: length 13 (big-endian), type "IHDR", its data.
        guard bytes.count == 26, Array(bytes[0..<8]) == signature, Array(bytes[8..<12]) == [0, 0, 0, 13],
              Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func uint32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = uint32(16)
        height = uint32(20)
        bitDepth = Int(bytes[24])
        colorType = Int(bytes[25])
    }
}
