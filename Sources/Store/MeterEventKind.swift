/// What a meter event records. Stored as its raw value in `meter_event.kind`; the raw values
/// are part of the file format (a CHECK constraint lists them).
public enum MeterEventKind: String, Sendable, Codable, CaseIterable {
    case offline
    case online
    /// The meter answered a read with a Modbus exception.
    case exception
    /// An energy register went backwards by more than rollover explains (domain brief 4.4).
    case registerReset = "register_reset"
    /// The meter clock was found off the gateway clock (and possibly set).
    case clockOffset = "clock_offset"
    /// Recorded intervals were read back from the meter's memory.
    case backfill
}
