/// One interval of a meter's recorded load profile, in its register layout.
///
/// Layout (7 registers, all ABCD): interval start as u32 Unix seconds in meter time,
/// imported energy as u32 Wh, exported energy as u32 Wh, status bits as u16. Energy is
/// recorded in whole Wh as interval deltas, which avoids the float32 resolution loss of
/// large cumulative registers (domain brief section 7). A slot never written reads as
/// start 0.
public struct LoadProfileRecord: Sendable, Hashable {
    public static let registerCount = 7

    /// Interval start in meter time, Unix seconds.
    public var intervalStart: Int64
    public var importWh: UInt32
    public var exportWh: UInt32
    public var status: IntervalStatus

    public init(intervalStart: Int64, importWh: UInt32, exportWh: UInt32, status: IntervalStatus) {
        self.intervalStart = intervalStart
        self.importWh = importWh
        self.exportWh = exportWh
        self.status = status
    }

    public var registers: [UInt16] {
        let start = UInt32(truncatingIfNeeded: intervalStart)
        return [
            UInt16(start >> 16), UInt16(start & 0xFFFF),
            UInt16(importWh >> 16), UInt16(importWh & 0xFFFF),
            UInt16(exportWh >> 16), UInt16(exportWh & 0xFFFF),
            status.rawValue,
        ]
    }

    /// Decodes a record; nil for an empty slot (start 0) or a short read.
    public init?(registers r: some Collection<UInt16>) {
        let r = Array(r)
        guard r.count >= Self.registerCount else { return nil }
        let start = UInt32(r[0]) << 16 | UInt32(r[1])
        guard start != 0 else { return nil }
        self.intervalStart = Int64(start)
        self.importWh = UInt32(r[2]) << 16 | UInt32(r[3])
        self.exportWh = UInt32(r[4]) << 16 | UInt32(r[5])
        self.status = IntervalStatus(rawValue: r[6])
    }
}

/// The header in front of a load-profile window (6 registers, ABCD):
/// interval length in seconds (u16), capacity in records (u16), start of the newest
/// completed interval in meter time (u32 Unix seconds, 0 if none), and how many records are
/// valid (u16, at most capacity), plus one reserved register.
public struct LoadProfileHeader: Sendable, Hashable {
    public static let registerCount = 6
    public var intervalSeconds: Int
    public var capacity: Int
    public var newestIntervalStart: Int64
    public var validRecords: Int

    public init(intervalSeconds: Int, capacity: Int, newestIntervalStart: Int64, validRecords: Int) {
        self.intervalSeconds = intervalSeconds
        self.capacity = capacity
        self.newestIntervalStart = newestIntervalStart
        self.validRecords = validRecords
    }

    public var registers: [UInt16] {
        let newest = UInt32(truncatingIfNeeded: newestIntervalStart)
        return [UInt16(clamping: intervalSeconds), UInt16(clamping: capacity),
                UInt16(newest >> 16), UInt16(newest & 0xFFFF), UInt16(clamping: validRecords), 0]
    }

    public init?(registers r: some Collection<UInt16>) {
        let r = Array(r)
        guard r.count >= Self.registerCount, r[0] > 0, r[1] > 0 else { return nil }
        intervalSeconds = Int(r[0])
        capacity = Int(r[1])
        newestIntervalStart = Int64(UInt32(r[2]) << 16 | UInt32(r[3]))
        validRecords = Int(r[4])
    }
}
