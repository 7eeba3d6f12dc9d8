import Foundation

/// Something that happened to a meter (table `meter_event`): health changes, exceptions,
/// register resets, clock offsets, backfills. `detail` is a short human-readable line.
///
/// An event is identified by (meter, instant, kind): committing the same cycle again does
/// not repeat its events.
public struct MeterEventRow: Sendable, Hashable {
    public var meterID: Int64
    public var at: Date
    public var kind: MeterEventKind
    public var detail: String

    public init(meterID: Int64, at: Date, kind: MeterEventKind, detail: String = "") {
        self.meterID = meterID
        self.at = at
        self.kind = kind
        self.detail = detail
    }
}
