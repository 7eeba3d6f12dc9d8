import Foundation
import MeterKit

/// The record a commissioning run leaves: who checked which meter when, against what
/// setup, what was read, and every check's verdict. Written as JSON for the technician's
/// files and, once the gateway has a store, kept there for the headend.
public struct CommissioningRecord: Sendable, Codable {
    /// Format tag, so a headend can tell record versions apart.
    public static let currentFormat = "metergate.commissioning/1"

    public struct Meter: Sendable, Codable, Hashable {
        public var endpoint: String
        public var unit: Int
        public var profile: String
        public var identity: MeterIdentity
    }

    public var format = Self.currentFormat
    /// Gateway time (UTC) when the run started.
    public var performedAt: Date
    public var technician: String?
    public var meter: Meter
    public var setup: CommissioningSetup
    /// First read of every point, canonical units; "not implemented" points are absent.
    public var readings: [String: Double]
    /// Second read of the cumulative points, `secondsBetweenReads` later.
    public var laterReadings: [String: Double]
    public var secondsBetweenReads: Double
    public var clock: ClockReading?
    public var checks: [CommissioningCheck]
    public var result: CheckOutcome

    public init(performedAt: Date, technician: String?, meter: Meter, setup: CommissioningSetup, observation: CommissioningObservation,
                clock: ClockReading?, checks: [CommissioningCheck]) {
        self.performedAt = performedAt
        self.technician = technician
        self.meter = meter
        self.setup = setup
        readings = Dictionary(uniqueKeysWithValues: observation.values.map { ($0.key.rawValue, $0.value) })
        laterReadings = Dictionary(uniqueKeysWithValues: observation.laterValues.map { ($0.key.rawValue, $0.value) })
        secondsBetweenReads = observation.secondsBetweenReads
        self.clock = clock
        self.checks = checks
        result = CommissioningRules.passed(checks) ? .pass : .fail
    }

    /// Stable, readable JSON: sorted keys and ISO 8601 UTC instants.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> CommissioningRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(CommissioningRecord.self, from: data)
    }
}

extension CommissioningRecord.Meter {
    public init(endpoint: String, unit: UInt8, profile: String, identity: MeterIdentity) {
        self.init(endpoint: endpoint, unit: Int(unit), profile: profile, identity: identity)
    }
}
