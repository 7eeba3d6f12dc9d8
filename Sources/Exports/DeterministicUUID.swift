import Foundation

/// Name-based UUIDs without a hash library: the same name always gives the same id, so a
/// re-export of the same meter, channel and day carries the same Atom ids and a receiver
/// can replace what it has instead of adding a copy.
///
/// The 128 bits are two 64-bit FNV-1a hashes (of the name's UTF-8 bytes, forwards and
/// backwards), stamped as an RFC 9562 version 8 ("custom") UUID. FNV is not cryptographic:
/// the ids identify, they do not authenticate.
enum DeterministicUUID {
    static func make(_ name: String) -> UUID {
        let bytes = Array(name.utf8)
        let high = fnv1a(bytes)
        let low = fnv1a(bytes.reversed())
        var raw = (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
        raw[6] = (raw[6] & 0x0F) | 0x80  // version 8
        raw[8] = (raw[8] & 0x3F) | 0x80  // variant 10xx
        return UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                           raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
    }

    /// `urn:uuid:` and the lowercase UUID, as Atom ids are written.
    static func urn(_ name: String) -> String { "urn:uuid:" + make(name).uuidString.lowercased() }

    private static func fnv1a<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
