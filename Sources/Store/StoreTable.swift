/// The tables a forwarding destination can read, each with the key its cursor counts in.
public enum StoreTable: String, Sendable, CaseIterable {
    /// Cursor position: a bucket (Unix ms).
    case registerRead = "register_read"
    /// Cursor position: an interval start (Unix ms).
    case recordedInterval = "recorded_interval"
    /// Cursor position: an event id (ids only grow).
    case meterEvent = "meter_event"
    /// Cursor position: a bucket (Unix ms).
    case busCycle = "bus_cycle"
    /// Cursor position: an interval revision's `seq` (seqs only grow; a revision appends).
    case interval = "interval"
    /// Cursor position: a billing cycle version's `seq` (a new version appends).
    case billingCycle = "billing_cycle"
}
