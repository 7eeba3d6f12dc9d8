/// Rows removed by `MeterStore.prune(before:)`, per table.
public struct PruneCounts: Sendable, Hashable {
    public var registerReads = 0
    public var recordedIntervals = 0
    public var intervals = 0
    public var events = 0
    public var busCycles = 0

    public init() {}

    public var total: Int { registerReads + recordedIntervals + intervals + events + busCycles }
}
