import Foundation

/// A zlib stream decompressor (RFC 1950 wrapper around RFC 1951 deflate), enough to read the
/// image data of a PNG that a test took: Foundation on Linux has no zlib API and the package
/// takes no dependency for it. Written after Mark Adler's `puff.c`: canonical Huffman codes
/// decoded a bit at a time, which is slow but short and easy to check.
public enum Inflate {
    public struct DataError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "inflate: \(reason)" }
    }

    /// The decompressed bytes of a zlib stream (the Adler-32 checksum is not checked).
    public static func zlib(_ data: [UInt8], expectedSize: Int = 0) throws -> [UInt8] {
        guard data.count >= 2, data[0] & 0x0F == 8, (Int(data[0]) << 8 | Int(data[1])) % 31 == 0 else {
            throw DataError(reason: "not a zlib stream")
        }
        var reader = BitReader(bytes: data, position: 2)
        var out: [UInt8] = []
        out.reserveCapacity(expectedSize)
        var last = false
        while !last {
            last = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0: try stored(&reader, &out)
            case 1: try codes(&reader, &out, Self.fixed.literals, Self.fixed.distances)
            case 2:
                let (literals, distances) = try dynamicTables(&reader)
                try codes(&reader, &out, literals, distances)
            default: throw DataError(reason: "invalid block type")
            }
        }
        return out
    }

    // MARK: - Blocks

    private static func stored(_ reader: inout BitReader, _ out: inout [UInt8]) throws {
        reader.alignToByte()
        let length = try reader.bits(16)
        guard try reader.bits(16) == ~length & 0xFFFF else { throw DataError(reason: "stored block length check") }
        for _ in 0..<length { out.append(UInt8(try reader.bits(8))) }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                       4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Literals and length/distance pairs until the end-of-block symbol.
    private static func codes(_ reader: inout BitReader, _ out: inout [UInt8], _ literals: Huffman, _ distances: Huffman) throws {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let index = symbol - 257
                guard index < lengthBase.count else { throw DataError(reason: "invalid length symbol") }
                let length = lengthBase[index] + (try reader.bits(lengthExtra[index]))
                let code = try distances.decode(&reader)
                guard code < distanceBase.count else { throw DataError(reason: "invalid distance symbol") }
                let distance = distanceBase[code] + (try reader.bits(distanceExtra[code]))
                guard distance <= out.count else { throw DataError(reason: "distance too far back") }
                let start = out.count - distance
                // Byte by byte: a copy may overlap what it writes (a run).
                for offset in 0..<length { out.append(out[start + offset]) }
            }
        }
    }

    private static let fixed: (literals: Huffman, distances: Huffman) = {
        let lengths = Array(repeating: 8, count: 144) + Array(repeating: 9, count: 112) + Array(repeating: 7, count: 24) + Array(repeating: 8, count: 8)
        return (Huffman(lengths: lengths), Huffman(lengths: Array(repeating: 5, count: 30)))
    }()

    private static let lengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private static func dynamicTables(_ reader: inout BitReader) throws -> (Huffman, Huffman) {
        let literalCount = try reader.bits(5) + 257, distanceCount = try reader.bits(5) + 1, codeCount = try reader.bits(4) + 4
        var codeLengths = Array(repeating: 0, count: 19)
        for index in 0..<codeCount { codeLengths[lengthOrder[index]] = try reader.bits(3) }
        let lengthCode = Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try lengthCode.decode(&reader)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw DataError(reason: "repeat without a length") }
                lengths += Array(repeating: previous, count: 3 + (try reader.bits(2)))
            case 17: lengths += Array(repeating: 0, count: 3 + (try reader.bits(3)))
            default: lengths += Array(repeating: 0, count: 11 + (try reader.bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw DataError(reason: "too many code lengths") }
        return (Huffman(lengths: Array(lengths[..<literalCount])), Huffman(lengths: Array(lengths[literalCount...])))
    }

    // MARK: - Bits and codes

    /// Bits of a byte array, least significant first, as deflate packs them.
    struct BitReader {
        let bytes: [UInt8]
        var position: Int
        var buffer = 0
        var count = 0

        init(bytes: [UInt8], position: Int) {
            self.bytes = bytes
            self.position = position
        }

        mutating func bits(_ needed: Int) throws -> Int {
            while count < needed {
                guard position < bytes.count else { throw DataError(reason: "stream ends early") }
                buffer |= Int(bytes[position]) << count
                position += 1
                count += 8
            }
            let value = buffer & ((1 << needed) - 1)
            buffer >>= needed
            count -= needed
            return value
        }

        mutating func alignToByte() {
            buffer = 0
            count = 0
        }
    }

    /// A canonical Huffman code: how many codes each length has, and the symbols in code order.
    struct Huffman {
        var counts = Array(repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var offsets = Array(repeating: 0, count: 16)
            for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
            symbols = Array(repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length > 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        func decode(_ reader: inout BitReader) throws -> Int {
            var code = 0, first = 0, index = 0
            for length in 1..<16 {
                code |= try reader.bits(1)
                let count = counts[length]
                if code - first < count { return symbols[index + code - first] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw DataError(reason: "invalid Huffman code")
        }
    }
}
