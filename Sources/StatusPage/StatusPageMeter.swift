import Foundation
import Store

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
