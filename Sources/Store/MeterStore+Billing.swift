import Foundation
import GRDB

extension MeterStore {
    /// Stores a new version of a meter's cycle. The caller numbers it (one more than
    /// `latestBillingCycle`); the unique key refuses a second writer of the same version.
    ///
    /// - Returns: the row as stored, `seq` filled in.
    @discardableResult
    public func appendBillingCycle(_ row: BillingCycleRow) throws(StoreError) -> BillingCycleRow {
        try write("append billing cycle of meter \(row.meterID) from \(row.cycleStart.storeDescription)") { db in
            var stored = row
            try db.execute(sql: """
                INSERT INTO billing_cycle (meter_id, cycle_start, cycle_end, version, tariff, document, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [row.meterID, row.cycleStart.unixMillis, row.cycleEnd.unixMillis, row.version, row.tariff, row.document,
                                 row.computedAt.unixMillis])
            stored.seq = db.lastInsertedRowID
            return stored
        }
    }

    /// The newest version of a meter's cycle starting at `cycleStart`; nil before the first.
    public func latestBillingCycle(meterID: Int64, cycleStart: Date) throws(StoreError) -> BillingCycleRow? {
        try read("latest billing cycle of meter \(meterID)") { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.billingColumns) FROM billing_cycle WHERE meter_id = ? AND cycle_start = ? ORDER BY version DESC LIMIT 1
                """, arguments: [meterID, cycleStart.unixMillis]).map(Self.billingCycle(from:))
        }
    }

    /// Every version of every cycle of one meter (all meters when nil), by cycle then version.
    public func billingCycles(meterID: Int64? = nil) throws(StoreError) -> [BillingCycleRow] {
        try read("billing cycles") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.billingColumns) FROM billing_cycle WHERE ? IS NULL OR meter_id = ? ORDER BY meter_id, cycle_start, version
                """, arguments: [meterID, meterID]).map(Self.billingCycle(from:))
        }
    }

    /// The versions with `seq` in `seqs`, in seq order: a forwarding batch.
    public func billingCycles(seqs: ClosedRange<Int64>) throws(StoreError) -> [BillingCycleRow] {
        try read("billing cycles \(seqs)") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.billingColumns) FROM billing_cycle WHERE seq BETWEEN ? AND ? ORDER BY seq",
                             arguments: [seqs.lowerBound, seqs.upperBound]).map(Self.billingCycle(from:))
        }
    }

    private static let billingColumns = "seq, meter_id, cycle_start, cycle_end, version, tariff, document, computed_at"

    private static func billingCycle(from row: Row) -> BillingCycleRow {
        BillingCycleRow(seq: row[0], meterID: row[1], cycleStart: Date(unixMillis: row[2]), cycleEnd: Date(unixMillis: row[3]),
                        version: row[4], tariff: row[5], document: row[6], computedAt: Date(unixMillis: row[7]))
    }
}
