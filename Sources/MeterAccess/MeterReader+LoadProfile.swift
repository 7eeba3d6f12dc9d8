import Foundation
import MeterKit
import Modbus

extension MeterReader {
    /// Records fit 17 to a request: 17 × 7 = 119 registers, under the 125-register limit.
    static let recordsPerRead = ReadPlan.maxRegistersPerRead / LoadProfileRecord.registerCount

    /// Reads the meter's own recorded intervals that start in `range` (meter time).
    ///
    /// The ring is addressed by time (slot = start / interval mod capacity), so only the
    /// slots of the requested range are read, in as few requests as the ring's layout allows.
    /// A slot whose record carries another start time was overwritten or never written: that
    /// interval is absent from the result, never invented.
    public func recordedIntervals(in range: Range<Date>) async throws(MeterReadError) -> [LoadProfileRecord] {
        try await readBack(range).records
    }

    /// The recorded intervals that start in `range`, and how far the meter could answer:
    /// the end of its newest completed interval, or the range's end if that comes first.
    ///
    /// A reader that keeps a resume point moves it to `coveredUntil`, never to the range's
    /// end: a meter whose clock runs a few seconds behind has not closed the last interval
    /// yet, and skipping it would lose it for good.
    public func readBack(_ range: Range<Date>) async throws(MeterReadError) -> (records: [LoadProfileRecord], coveredUntil: Date) {
        guard let window = profile.loadProfile else { throw .noLoadProfile(profile: profile.id) }
        let unit = self.unit
        let table: RegisterTable = window.kind == .holding ? .holding : .input
        let headerWords: [UInt16]
        do {
            headerWords = try await client.read(table, unit: unit, address: window.headerAddress, count: LoadProfileHeader.registerCount)
        } catch { throw .modbus(error) }
        guard let header = LoadProfileHeader(registers: headerWords), header.newestIntervalStart > 0 else { return ([], range.lowerBound) }

        let step = Int64(window.intervalSeconds)
        let first = (Int64(range.lowerBound.timeIntervalSince1970.rounded(.up)) + step - 1) / step * step
        let oldestHeld = header.newestIntervalStart - Int64(min(header.validRecords, window.capacity) - 1) * step
        let from = max(first, oldestHeld)
        let to = min(Int64(range.upperBound.timeIntervalSince1970.rounded(.up)) - 1, header.newestIntervalStart)
        let coveredUntil = min(range.upperBound, Date(timeIntervalSince1970: TimeInterval(header.newestIntervalStart + step)))
        guard from <= to else { return ([], max(range.lowerBound, min(coveredUntil, range.upperBound))) }
        let starts = Array(stride(from: from, through: to, by: Int(step)))

        let batches = Self.slotBatches(starts.map { window.slot(forIntervalStart: $0) })
        let words: [[UInt16]]
        do {
            words = try await client.perform { (session) throws(ModbusError) -> [[UInt16]] in
                var out: [[UInt16]] = []
                for batch in batches {
                    out.append(try session.read(table, unit: unit, address: window.address(ofSlot: batch.lowerBound),
                                                count: batch.count * LoadProfileRecord.registerCount))
                }
                return out
            }
        } catch { throw .modbus(error) }

        let records = words.flatMap { batch in
            stride(from: 0, to: batch.count, by: LoadProfileRecord.registerCount).compactMap {
                LoadProfileRecord(registers: batch[$0..<($0 + LoadProfileRecord.registerCount)])
            }
        }
        let wanted = Set(starts)
        return (records.filter { wanted.contains($0.intervalStart) }.sorted { $0.intervalStart < $1.intervalStart }, coveredUntil)
    }

    /// Splits consecutive slots into runs that neither wrap around the ring nor exceed one read.
    static func slotBatches(_ slots: [Int]) -> [Range<Int>] {
        var batches: [Range<Int>] = []
        for slot in slots {
            if let last = batches.last, last.upperBound == slot, last.count < recordsPerRead {
                batches[batches.count - 1] = last.lowerBound..<(slot + 1)
            } else {
                batches.append(slot..<(slot + 1))
            }
        }
        return batches
    }
}
