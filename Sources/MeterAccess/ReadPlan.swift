import MeterKit

/// Contiguous registers fetched with one request.
public struct RegisterBlock: Sendable, Hashable {
    public var kind: RegisterKind
    public var start: UInt16
    public var count: Int

    public var end: Int { Int(start) + count }
}

/// Groups the registers a poll needs into as few requests as Modbus allows.
///
/// Only registers that touch or overlap are merged: reading across a hole in a meter's map
/// fails the whole request with exception 02 on most meters, so a gap always starts a new
/// block. A block never exceeds 125 registers, the limit of functions 03 and 04.
public enum ReadPlan {
    public static let maxRegistersPerRead = 125

    public static func blocks(for locations: [RegisterLocation]) -> [RegisterBlock] {
        var blocks: [RegisterBlock] = []
        for kind in RegisterKind.allCases {
            let spans = locations.filter { $0.kind == kind }
                .map { (start: Int($0.address), end: $0.endAddress) }
                .sorted { $0.start < $1.start }
            var current: (start: Int, end: Int)?
            for span in spans {
                if let c = current, span.start <= c.end, max(c.end, span.end) - c.start <= maxRegistersPerRead {
                    current = (c.start, max(c.end, span.end))
                } else {
                    if let c = current { blocks.append(RegisterBlock(kind: kind, start: UInt16(c.start), count: c.end - c.start)) }
                    current = span
                }
            }
            if let c = current { blocks.append(RegisterBlock(kind: kind, start: UInt16(c.start), count: c.end - c.start)) }
        }
        return blocks
    }
}
