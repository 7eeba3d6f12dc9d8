import Foundation
import GatewayConfig
import MeterAccess
import MeterKit
import Store

/// What the collector keeps about one meter between cycles.
///
/// The persisted part (`state`) goes into the store with every cycle, so a restart resumes
/// health, back-off and the backfill point; the rest is cheap to relearn (the last values
/// for reset detection, the SunSpec placement).
struct MeterRuntime: Sendable {
    let configuration: MeterConfiguration
    let meterID: Int64
    let channelIDs: [PointName: Int64]
    /// The configured profile; a SunSpec one is placed on first contact.
    let profile: DeviceProfile
    let metrics: PollMetrics
    /// Set once on first contact (a SunSpec profile is placed then), with the plan of its polls.
    private(set) var reader: MeterReader?
    private(set) var pollPlan: MeterPoll.Plan?
    /// By position in the plan's readings, so a poll is recorded without a lookup by name:
    /// each reading's channel, and the last value of each cumulative register (reset detection).
    private(set) var pollChannelIDs: [Int64?] = []
    var lastValues: [Double?] = []
    var state: MeterStateRow
    /// The row as the store holds it (nil when unknown, as after a failed commit), so a cycle
    /// writes only what changed: nothing, the statistics, or the whole row.
    var stored: MeterStateRow?
    var clockOutOfTolerance = false
    var lastExceptionDetail: String?

    init(configuration: MeterConfiguration, meterID: Int64, channelIDs: [PointName: Int64], profile: DeviceProfile, state: MeterStateRow?) {
        self.configuration = configuration
        self.meterID = meterID
        self.channelIDs = channelIDs
        self.profile = profile
        metrics = PollMetrics(bus: configuration.bus, meter: configuration.id)
        stored = state
        self.state = state ?? MeterStateRow(meterID: meterID, health: .unknown, consecutiveFailures: 0, nextAttemptAt: nil, lastReadAt: nil,
                                            lastError: nil, backfillResume: nil, readsOK: 0, readsFailed: 0, retries: 0,
                                            latencyTotalMs: 0, latencyCount: 0)
    }

    mutating func connect(_ reader: MeterReader) {
        self.reader = reader
        let plan = MeterPoll.Plan(reader: reader, names: configuration.channels)
        pollPlan = plan
        pollChannelIDs = plan.names.map { channelIDs[$0] }
        lastValues = Array(repeating: nil, count: pollChannelIDs.count)
    }
}
