import Foundation
import MeterAccess
import Store

/// Everything one bus cycle produces, collected in memory and written in one transaction.
struct CycleBuilder {
    let bus: String
    let bucket: Date
    var reads: [RegisterReadRow] = []
    var intervals: [RecordedIntervalRow] = []
    var events: [MeterEventRow] = []
    var requests = 0
    var retries = 0
    var failures = 0

    init(bus: String, bucket: Date) {
        self.bus = bus
        self.bucket = bucket
    }

    mutating func count(_ poll: MeterPoll) {
        requests += poll.requests
        retries += poll.retries
        failures += poll.failures
    }

    func record(startedAt: Date, finishedAt: Date, states: [MeterStateRow], statistics: [MeterStateRow]) -> BusCycleRecord {
        BusCycleRecord(bus: bus, bucket: bucket, startedAt: startedAt, finishedAt: finishedAt, requests: requests, retries: retries,
                       failures: failures, reads: reads, intervals: intervals, states: states, statistics: statistics, events: events)
    }
}

extension ReadStatus {
    /// A reading's status as stored: a value, "not implemented", or why the read failed.
    init(_ reading: PointReading) {
        switch (reading.value, reading.error) {
        case (.some, _): self = .ok
        case (nil, nil): self = .notImplemented
        case (nil, .timeout?): self = .timeout
        case (nil, .exception?): self = .exception
        case (nil, .some): self = .failed
        }
    }
}
