import Foundation
import Store

/// Everything the operator's status page shows, as plain values: the meters with their state,
/// the forwarding destinations with their backlog, and the load curve of one meter and day.
///
/// The page is rendered from this model alone (`StatusPageHTML.render`), so the rendering is a
/// pure function that tests can feed by hand, and the store is read once, in `load`, from
/// whatever thread the caller may block.
public struct StatusPageModel: Sendable, Hashable {
    /// The gateway's id, as forwarding names it to the headend.
    public var gatewayID: String
    /// The instant the model was read; ages and the default day are counted from it.
    public var generatedAt: Date
    /// The site's zone: every time on the page is shown in it.
    public var timeZone: TimeZone
    /// Every configured meter, in the store's order (bus, unit, name).
    public var meters: [StatusPageMeter]
    /// Every forwarding destination, by id.
    public var destinations: [StatusPageDestination]
    /// The meter the load-curve form shows as chosen (nil when there are no meters).
    public var selectedMeter: String?
    /// The local day the load-curve form shows as chosen.
    public var selectedDay: LocalDate
    /// The chosen meter's import energy on the chosen day; nil when it cannot be drawn
    /// (`notices` says why).
    public var loadCurve: LoadCurve?
    /// Short sentences for the operator about the request itself (an unknown meter, a day that
    /// is not a date), shown above the curve instead of failing the page.
    public var notices: [String]

    public init(gatewayID: String, generatedAt: Date, timeZone: TimeZone, meters: [StatusPageMeter],
                destinations: [StatusPageDestination], selectedMeter: String?, selectedDay: LocalDate,
                loadCurve: LoadCurve?, notices: [String] = []) {
        self.gatewayID = gatewayID
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.meters = meters
        self.destinations = destinations
        self.selectedMeter = selectedMeter
        self.selectedDay = selectedDay
        self.loadCurve = loadCurve
        self.notices = notices
    }
}

/// One meter row of the status page.
public struct StatusPageMeter: Sendable, Hashable {
    public var name: String
    public var bus: String
    public var unit: Int
    public var profile: String
    /// `unknown` until the collector has polled it.
    public var health: MeterHealth
    public var lastReadAt: Date?
    public var lastError: String?
    /// Failed polls in a row: what turns a meter offline.
    public var consecutiveFailures: Int

    public init(name: String, bus: String, unit: Int, profile: String, health: MeterHealth, lastReadAt: Date?,
                lastError: String?, consecutiveFailures: Int) {
        self.name = name
        self.bus = bus
        self.unit = unit
        self.profile = profile
        self.health = health
        self.lastReadAt = lastReadAt
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
    }
}

/// One forwarding destination row of the status page: how far behind it is.
public struct StatusPageDestination: Sendable, Hashable {
    /// The destination's id in the gateway configuration.
    public var id: String
    /// What it forwards: the store table its outbox reads (`interval` revisions or
    /// `billing_cycle` versions). The store does not know the transport (warehouse, HTTP, file).
    public var kind: String
    public var deliveredRows: Int64
    /// Rows written but not yet delivered.
    public var backlogRows: Int
    /// When the oldest undelivered row was written.
    public var oldestPendingAt: Date?
    /// How long that row has waited at `generatedAt` (never negative); nil with no backlog.
    public var age: TimeInterval?
    /// Failed attempts in a row (the back-off counter).
    public var consecutiveFailures: Int
    /// Batches the destination refused for good, parked in the dead-letter table.
    public var deadLetters: Int
    public var lastError: String?

    public init(id: String, kind: String, deliveredRows: Int64, backlogRows: Int, oldestPendingAt: Date?, age: TimeInterval?,
                consecutiveFailures: Int, deadLetters: Int, lastError: String?) {
        self.id = id
        self.kind = kind
        self.deliveredRows = deliveredRows
        self.backlogRows = backlogRows
        self.oldestPendingAt = oldestPendingAt
        self.age = age
        self.consecutiveFailures = consecutiveFailures
        self.deadLetters = deadLetters
        self.lastError = lastError
    }
}
