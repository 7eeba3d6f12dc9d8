import Foundation

/// An operator's request to read a meter outside the schedule (table `read_request`).
///
/// Requests are filed in the store, not sent to the gateway process, so they survive a
/// restart, work from another process (the CLI) as well as from the API, and are carried
/// out by the bus's own poller: the line has one owner, and a request waits its turn on it.
public struct ReadRequestRow: Sendable, Hashable {
    public var id: Int64
    public var meterID: Int64
    public var kind: ReadRequestKind
    /// The recorded intervals to read again (a re-read); nil for a live read.
    public var range: Range<Date>?
    public var requestedAt: Date
    /// Who asked: an API token's name, or the CLI's user.
    public var requestedBy: String
    public var state: ReadRequestState
    public var finishedAt: Date?
    /// What was done, as JSON (`done`), or why not, as text (`failed`).
    public var result: String?

    public init(id: Int64 = 0, meterID: Int64, kind: ReadRequestKind, range: Range<Date>?, requestedAt: Date, requestedBy: String,
                state: ReadRequestState = .pending, finishedAt: Date? = nil, result: String? = nil) {
        self.id = id
        self.meterID = meterID
        self.kind = kind
        self.range = range
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
        self.state = state
        self.finishedAt = finishedAt
        self.result = result
    }
}

/// Stored as raw values; a CHECK constraint lists them.
public enum ReadRequestKind: String, Sendable, Codable, CaseIterable {
    /// The meter's points, live, now.
    case read
    /// The meter's recorded load profile over a range, again (the disputed-bill flow).
    case reread
    /// The meter's clock set to the gateway's time.
    case setClock = "set_clock"
}

public enum ReadRequestState: String, Sendable, Codable, CaseIterable {
    case pending
    case done
    case failed
}

/// How a re-read changed the store's copy of a meter's memory.
public struct RecordedRevision: Sendable, Hashable, Codable {
    /// Records the meter returned.
    public var read = 0
    /// Records the store did not have.
    public var added = 0
    /// Records the store had with other energy or status.
    public var changed = 0

    public init(read: Int = 0, added: Int = 0, changed: Int = 0) {
        self.read = read
        self.added = added
        self.changed = changed
    }
}
