import Foundation
import MeterKit

/// JSON text appended piece by piece into one byte buffer, with JSONEncoder's spelling of
/// every value: strings escaped as it escapes them (`/` too), numbers as `Double.description`
/// without a trailing `.0`, instants as `Date.formatted(.iso8601)` writes them (`ISO8601UTC`).
/// The billing document is written with it because JSONEncoder builds a tree of boxed values
/// and sorts every object's keys on each call, which made it most of the cost of a document.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Literal JSON (punctuation and keys), appended as is.
    mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        bytes.append(0x22)
        for byte in value.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])  // \"
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])  // \\
            case 0x2F: bytes.append(contentsOf: [0x5C, 0x2F])  // \/ (JSONEncoder escapes slashes unless told not to)
            case 0x08: bytes.append(contentsOf: [0x5C, 0x62])  // \b
            case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])  // \f
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])  // \n
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])  // \r
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])  // \t
            case ..<0x20:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])  // \u00
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// - Throws: `EncodingError.invalidValue` for NaN and infinities, as JSONEncoder does.
    mutating func number(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid JSON"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// `"2026-03-01T00:15:00Z"` (`ISO8601UTC`).
    mutating func instant(_ value: Date) {
        bytes.append(0x22)
        bytes.append(contentsOf: ISO8601UTC.string(value).utf8)
        bytes.append(0x22)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
