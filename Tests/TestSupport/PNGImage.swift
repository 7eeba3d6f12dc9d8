import Foundation

/// The pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's `--screenshot`
/// writes), so a test can ask what a browser actually painted: whether a colour that only a
/// chart's estimated bars use is on the screen, and on how many pixels.
public struct PNGImage: Sendable {
    public let header: PNGHeader
    /// Red, green, blue per pixel, row by row (alpha dropped).
    public let rgb: [UInt8]

    public struct FormatError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "PNG: \(reason)" }
    }

    /// Decodes `data`: chunks, the zlib stream of the IDAT chunks, and the scanline filters.
    ///
    /// - Throws: `FormatError` for anything but 8-bit RGB(A) without interlacing; `Inflate.DataError`
    ///   for a damaged stream.
    public init(_ data: Data) throws {
        guard let header = PNGHeader(data) else { throw FormatError(reason: "no PNG signature and IHDR") }
        let bytes = [UInt8](data)
        guard header.bitDepth == 8, header.colorType == 2 || header.colorType == 6, bytes[28] == 0 else {
            throw FormatError(reason: "only 8-bit RGB or RGBA without interlacing (depth \(header.bitDepth), colour type \(header.colorType))")
        }
        var compressed: [UInt8] = []
        var position = 8
        while position + 8 <= bytes.count {
            let length = bytes[position..<position + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[position + 4..<position + 8], as: UTF8.self)
            guard position + 12 + length <= bytes.count else { throw FormatError(reason: "chunk \(type) runs past the end") }
            if type == "IDAT" { compressed += bytes[position + 8..<position + 8 + length] }
            if type == "IEND" { break }
            position += 12 + length
        }
        let channels = header.colorType == 6 ? 4 : 3
        let stride = header.width * channels
        let raw = try Inflate.zlib(compressed, expectedSize: (stride + 1) * header.height)
        guard raw.count == (stride + 1) * header.height else { throw FormatError(reason: "image data of \(raw.count) bytes") }
        self.header = header
        rgb = try Self.unfilter(raw, stride: stride, height: header.height, channels: channels)
    }

    public var width: Int { header.width }
    public var height: Int { header.height }

    /// How many pixels have exactly this colour.
    public func count(red: UInt8, green: UInt8, blue: UInt8) -> Int {
        var found = 0
        var index = 0
        while index < rgb.count {
            if rgb[index] == red && rgb[index + 1] == green && rgb[index + 2] == blue { found += 1 }
            index += 3
        }
        return found
    }

    /// How many pixels have this colour, given as `#rrggbb`.
    public func count(hex: String) -> Int {
        let value = Int(hex.dropFirst(), radix: 16) ?? -1
        return count(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// Distinct colours, counting up to `limit` (a blank page has one).
    public func distinctColors(upTo limit: Int) -> Int {
        var seen = Set<Int>()
        var index = 0
        while index < rgb.count && seen.count < limit {
            seen.insert(Int(rgb[index]) << 16 | Int(rgb[index + 1]) << 8 | Int(rgb[index + 2]))
            index += 3
        }
        return seen.count
    }

    /// Undoes the per-row filters (none, sub, up, average, Paeth) and drops alpha.
    private static func unfilter(_ raw: [UInt8], stride: Int, height: Int, channels: Int) throws -> [UInt8] {
        var previous = Array(repeating: UInt8(0), count: stride)
        var row = Array(repeating: UInt8(0), count: stride)
        var out: [UInt8] = []
        out.reserveCapacity(stride / channels * 3 * height)
        for y in 0..<height {
            let base = y * (stride + 1)
            let filter = raw[base]
            for x in 0..<stride {
                let value = raw[base + 1 + x]
                let left = x >= channels ? Int(row[x - channels]) : 0
                let up = Int(previous[x])
                let upLeft = x >= channels ? Int(previous[x - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let p = left + up - upLeft, pa = abs(p - left), pb = abs(p - up), pc = abs(p - upLeft)
                    predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft
                default: throw FormatError(reason: "unknown filter \(filter) in row \(y)")
                }
                row[x] = UInt8(truncatingIfNeeded: Int(value) + predictor)
            }
            for x in Swift.stride(from: 0, to: stride, by: channels) { out += row[x..<x + 3] }
            swap(&row, &previous)
        }
        return out
    }
}
