import MeterKit
import YAMLSupport

/// The registers a profile has claimed so far, per table, to refuse overlaps.
///
/// Two entries sharing a register means one of them has a wrong address: the gateway would
/// decode the same words twice as different quantities, and the emulator could not serve
/// both. Scale-factor registers are not claimed, because several points legitimately share
/// one (SunSpec's `A_SF` scales every current).
struct RegisterLayout {
    private struct Claim {
        var kind: RegisterKind
        var range: Range<Int>
        var path: String
        var line: Int?
    }

    private var claims: [Claim] = []

    /// Records that `field` occupies `range` of table `kind`, or fails naming the entry it
    /// collides with. Profiles hold tens of entries, so a linear scan is plenty.
    mutating func claim(_ kind: RegisterKind, _ range: Range<Int>, by field: YAMLField) throws(ProfileError) {
        let path = field.path
        if let other = claims.first(where: { $0.kind == kind && $0.range.overlaps(range) }) {
            let at = other.line.map { " (line \($0))" } ?? ""
            throw ProfileError(file: field.file, line: field.line, keyPath: path,
                               message: "\(kind.rawValue) registers \(Self.describe(range)) overlap \(other.path)\(at) "
                                   + "at \(Self.describe(other.range))")
        }
        claims.append(Claim(kind: kind, range: range, path: path, line: field.line))
    }

    /// `0x0000...0x0001`: the first and last register, inclusive, as datasheets list them.
    static func describe(_ range: Range<Int>) -> String {
        range.count == 1
            ? ProfileParser.hex(range.lowerBound)
            : ProfileParser.hex(range.lowerBound) + "..." + ProfileParser.hex(range.upperBound - 1)
    }
}

extension ProfileParser {
    /// Reads `load_profile:` into a `LoadProfileWindow`, checking that the header and the
    /// whole ring of records fit the address space without overlapping.
    static func parseLoadProfile(_ field: YAMLField, defaults: RegisterDefaults,
                                 layout: inout RegisterLayout) throws(ProfileError) -> LoadProfileWindow {
        let entry = try field.mapping(allowed: ["kind", "header", "records", "capacity", "interval"])
        let kind = try entry["kind"].map { f throws(ProfileError) in try parseKind(f) } ?? defaults.kind
        guard let kind else {
            throw ProfileError(file: field.file, line: field.line, keyPath: field.path + ".kind",
                               message: "missing required key 'kind' (holding or input; set it here or in defaults.kind)")
        }
        let headerField = try entry.required("header")
        let header = Int(try headerField.address())
        let recordsField = try entry.required("records")
        let records = Int(try recordsField.address())
        // The header stores capacity and interval length as u16.
        let capacityField = try entry.required("capacity")
        let capacity = try capacityField.integer(in: 1...0xFFFF, what: "capacity")
        let intervalField = try entry.required("interval")
        let interval = try intervalField.integer(in: 1...0xFFFF, what: "interval")
        // Slots are addressed by (start / interval) % capacity, so intervals must tile days
        // for a day's intervals to begin on the same clock times every day.
        guard 86_400 % interval == 0 else {
            throw intervalField.fail("interval \(interval) s does not divide a day (86400 s); use e.g. 300, 900, 1800 or 3600")
        }

        let headerRange = header..<header + LoadProfileHeader.registerCount
        guard headerRange.upperBound <= 0x1_0000 else {
            throw headerField.fail("the \(LoadProfileHeader.registerCount)-register header at \(hex(header)) "
                + "would run past 0xFFFF")
        }
        let recordsRange = records..<records + capacity * LoadProfileRecord.registerCount
        guard recordsRange.upperBound <= 0x1_0000 else {
            throw capacityField.fail("\(capacity) records of \(LoadProfileRecord.registerCount) registers from "
                + "\(hex(records)) end at \(hex(recordsRange.upperBound - 1)), past 0xFFFF; at most "
                + "\((0x1_0000 - records) / LoadProfileRecord.registerCount) fit")
        }
        guard !headerRange.overlaps(recordsRange) else {
            throw headerField.fail("the header \(RegisterLayout.describe(headerRange)) overlaps the records "
                + RegisterLayout.describe(recordsRange))
        }
        try layout.claim(kind, headerRange, by: headerField)
        try layout.claim(kind, recordsRange, by: recordsField)
        return LoadProfileWindow(kind: kind, headerAddress: UInt16(header), recordsAddress: UInt16(records),
                                 capacity: capacity, intervalSeconds: interval)
    }
}
