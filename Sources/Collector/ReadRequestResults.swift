import Foundation
import MeterKit
import Store

/// What a live read on request found: stored as the request's result (JSON), for the CLI
/// and the API to show. It is not a scheduled read, so it does not enter `register_read`.
public struct LiveReadResult: Sendable, Codable, Hashable {
    public struct Reading: Sendable, Codable, Hashable {
        public var point: String
        public var value: Double?
        public var unit: String
        public var error: String?
    }

    public var gatewayTime: Date
    public var meterTime: Date?
    public var readings: [Reading]
}

/// A meter clock set on request: the offset before and after, each as read on the bus.
public struct ClockSetResult: Sendable, Codable, Hashable {
    /// Meter minus gateway, seconds, before the set.
    public var offsetBefore: Double
    public var offsetAfter: Double
    /// How far either reading may be off (half a register step plus half the round trip).
    public var uncertainty: Double
}

/// What a re-read changed, from the meter's memory to the billing cycles.
public struct RereadResult: Sendable, Codable, Hashable {
    public var from: Date
    public var to: Date
    public var recorded: RecordedRevision
    /// Interval revisions stored because the recomputed intervals differed.
    public var intervalRevisions: Int
    /// New versions of the billing cycles the range touches (none when unchanged).
    public var billingVersions: [BillingVersion]

    public struct BillingVersion: Sendable, Codable, Hashable {
        public var cycleStart: Date
        public var version: Int

        public init(cycleStart: Date, version: Int) {
            self.cycleStart = cycleStart
            self.version = version
        }
    }
}

/// The results' JSON: snake_case keys, ISO-8601 UTC instants, as the API serves them.
public enum ReadRequestJSON {
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(text.utf8))
    }
}

/// Re-bills a meter's cycles that overlap a range; the forwarding side provides it, so the
/// collector need not know tariffs.
public typealias Rebilling = @Sendable (_ meter: String, _ range: Range<Date>) async throws -> [RereadResult.BillingVersion]
