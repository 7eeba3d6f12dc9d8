import Foundation
import Intervals
import Store

// The API's response bodies: plain Encodable values, one per resource, written with
// snake_case keys by `JSONResponse`. The OpenAPI document (docs/openapi.yaml) describes
// each under components/schemas with the same name.

/// A meter with its state: what the meters list and a meter's own page show.
struct MeterResource: Encodable, Sendable {
    var id: String
    var bus: String
    var unit: Int
    var profile: String
    /// `unknown` before the first poll, then `online` or `offline`.
    var health: String
    var lastReadAt: Date?
    var consecutiveFailures: Int
    var lastError: String?
    var nextAttemptAt: Date?
    var readsOk: Int64
    var readsFailed: Int64
    var retries: Int64
    var meanLatencyMs: Double?

    init(_ status: MeterStatus) {
        id = status.name
        bus = status.bus
        unit = status.unit
        profile = status.profile
        health = status.state?.health.rawValue ?? "unknown"
        lastReadAt = status.lastReadAt
        consecutiveFailures = status.state?.consecutiveFailures ?? 0
        lastError = status.state?.lastError
        nextAttemptAt = status.state?.nextAttemptAt
        readsOk = status.state?.readsOK ?? 0
        readsFailed = status.state?.readsFailed ?? 0
        retries = status.state?.retries ?? 0
        meanLatencyMs = status.state?.meanLatencyMs
    }
}

struct IntervalsResource: Encodable, Sendable {
    var meter: String
    var timeZone: String
    var from: Date
    var to: Date
    var intervals: [IntervalLine]
}

struct RegisterReadResource: Encodable, Sendable {
    var channel: String
    var bucket: Date
    var gatewayTime: Date
    var meterTime: Date?
    var value: Double?
    var status: String
}

struct RegisterReadsResource: Encodable, Sendable {
    var meter: String
    var from: Date
    var to: Date
    var reads: [RegisterReadResource]
}

struct EventResource: Encodable, Sendable {
    var meter: String
    var at: Date
    var kind: String
    var detail: String
}

struct BillingCycleResource: Encodable, Sendable {
    var cycleStart: Date
    var cycleEnd: Date
    var version: Int
    var tariff: String
    var computedAt: Date
    /// The determinants document as the billing task stored it (docs/formats.md).
    var determinants: JSONValue
}

struct VEEDayResource: Encodable, Sendable {
    var day: String
    var energyWh: Double
    var intervals: Int
    var expected: Int
    var estimated: Int
    var missing: Int
    var questionable: Int
}

struct VEEChannelResource: Encodable, Sendable {
    var channel: String
    var days: [VEEDayResource]
    var flagged: [IntervalLine]
}

struct VEEResource: Encodable, Sendable {
    var meter: String
    var timeZone: String
    var from: Date
    var to: Date
    var channels: [VEEChannelResource]
}

struct DestinationResource: Encodable, Sendable {
    var id: String
    var table: String
    var position: Int64
    var batchFirst: Int64?
    var batchLast: Int64?
    var consecutiveFailures: Int
    var nextAttemptAt: Date?
    var lastError: String?
    var lastSuccessAt: Date?
    var deliveredRows: Int64
    var backlogRows: Int
    var oldestBacklogAt: Date?
    var deadLetters: Int

    init(_ status: OutboxStatus) {
        let state = status.state
        id = state.destination
        table = state.table.rawValue
        position = state.position
        batchFirst = state.batch?.lowerBound
        batchLast = state.batch?.upperBound
        consecutiveFailures = state.consecutiveFailures
        nextAttemptAt = state.nextAttemptAt
        lastError = state.lastError
        lastSuccessAt = state.lastSuccessAt
        deliveredRows = state.deliveredRows
        backlogRows = status.backlog.rows
        oldestBacklogAt = status.backlog.oldestWrittenAt
        deadLetters = status.deadLetters
    }
}

struct DeadLetterResource: Encodable, Sendable {
    var id: Int64
    var destination: String
    var table: String
    var firstPosition: Int64
    var lastPosition: Int64
    var rows: Int
    var reason: String
    var at: Date
    var payload: String

    init(_ row: DeadLetterRow) {
        id = row.id
        destination = row.destination
        table = row.table.rawValue
        firstPosition = row.positions.lowerBound
        lastPosition = row.positions.upperBound
        rows = row.rows
        reason = row.reason
        at = row.at
        payload = row.payload
    }
}

struct RetryResource: Encodable, Sendable {
    var deadLetter: Int64
    var destination: String
    var firstPosition: Int64
    var lastPosition: Int64
    var rows: Int
    var status: String
}

struct CommissioningSummary: Encodable, Sendable {
    var file: String
    var performedAt: Date
    var technician: String?
    var endpoint: String
    var unit: Int
    var profile: String
    var result: String
}
