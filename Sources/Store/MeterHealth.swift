/// What the gateway believes about a meter's reachability. Stored as its raw value in
/// `meter_state.health` (a CHECK constraint lists the values).
public enum MeterHealth: String, Sendable, Codable {
    /// Not polled yet since the meter was configured.
    case unknown
    case online
    /// Failed often enough to be backed off (the poller decides when).
    case offline
}
