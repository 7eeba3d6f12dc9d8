import Foundation
import PostgresNIO

/// Writes interval rows in COPY's text format (tab-separated, `\N` for NULL, backslash
/// escapes) for the columns of `WarehouseSchema.stagingColumns`, straight into ByteBuffers
/// of about 256 KiB that are sent as they fill. Times are microseconds since 1970 and
/// numbers are printed without Foundation formatters: this is the load's hot loop.
enum IntervalCopyEncoder {
    static let chunkBytes = 256 * 1024

    static func write(_ rows: [WarehouseInterval], to writer: PostgresCopyFromWriter) async throws {
        var buffer = ByteBufferAllocator().buffer(capacity: chunkBytes + 4096)
        for row in rows {
            append(row, to: &buffer)
            if buffer.readableBytes >= chunkBytes {
                try await writer.write(buffer)
                buffer = ByteBufferAllocator().buffer(capacity: chunkBytes + 4096)
            }
        }
        if buffer.readableBytes > 0 { try await writer.write(buffer) }
    }

    static func append(_ row: WarehouseInterval, to buffer: inout ByteBuffer) {
        text(row.meterID, to: &buffer)
        tab(&buffer)
        text(row.channel, to: &buffer)
        tab(&buffer)
        integer(microseconds(row.start), to: &buffer)
        tab(&buffer)
        integer(Int64(row.lengthSeconds), to: &buffer)
        tab(&buffer)
        if let value = row.valueWh { double(value, to: &buffer) } else { null(&buffer) }
        tab(&buffer)
        integer(Int64(row.quality), to: &buffer)
        tab(&buffer)
        integer(Int64(row.revision), to: &buffer)
        tab(&buffer)
        text(row.source, to: &buffer)
        tab(&buffer)
        if let estimation = row.estimation { text(estimation, to: &buffer) } else { null(&buffer) }
        tab(&buffer)
        integer(Int64(row.flags), to: &buffer)
        tab(&buffer)
        integer(microseconds(row.computedAt), to: &buffer)
        tab(&buffer)
        integer(row.seq, to: &buffer)
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    private static func tab(_ buffer: inout ByteBuffer) { buffer.writeInteger(UInt8(ascii: "\t")) }

    private static func null(_ buffer: inout ByteBuffer) { buffer.writeStaticString("\\N") }

    /// A text value; backslash, tab, newline and carriage return escaped as COPY requires.
    private static func text(_ value: String, to buffer: inout ByteBuffer) {
        let plain = value.utf8.allSatisfy { $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        if plain {
            buffer.writeString(value)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Decimal digits without an intermediate String.
    private static func integer(_ value: Int64, to buffer: inout ByteBuffer) {
        if value == 0 {
            buffer.writeInteger(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 20 digits fit in 24 bytes
        withUnsafeMutableBytes(of: &digits) { raw in
            var index = raw.count
            while magnitude > 0 {
                index -= 1
                raw[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: raw[index...]))
        }
    }

    /// Swift's shortest round-trip form, which PostgreSQL reads back exactly; the
    /// non-finite values spelled as PostgreSQL spells them (the table's CHECK refuses them).
    private static func double(_ value: Double, to buffer: inout ByteBuffer) {
        if value.isNaN {
            buffer.writeStaticString("NaN")
        } else if value.isInfinite {
            buffer.writeStaticString(value < 0 ? "-Infinity" : "Infinity")
        } else {
            buffer.writeString(value.description)
        }
    }
}
