import Foundation

/// The shared definition of simulated time: simulated = start + (wall - wallOrigin) * speed.
///
/// The emulator publishes its time base as a small JSON file (`meter-sim --time-base FILE`);
/// any process on the same host that reads the file computes the same simulated instant from
/// its own wall clock, so the gateway, tests and the emulator agree on "now" without a
/// round trip. Wall instants are UTC Unix seconds, which every process on a host shares.
public struct TimeBase: Sendable, Hashable, Codable {
    /// Simulated instant at `wallOrigin`.
    public var start: Date
    /// Wall-clock instant at which the simulation read `start`.
    public var wallOrigin: Date
    /// Simulated seconds per wall second (96 runs a day in 15 minutes).
    public var speed: Double

    public init(start: Date, wallOrigin: Date, speed: Double) {
        self.start = start
        self.wallOrigin = wallOrigin
        self.speed = speed
    }

    public func simulatedTime(atWall wall: Date) -> Date {
        start + wall.timeIntervalSince(wallOrigin) * speed
    }

    /// The wall instant at which the simulation reaches `simulated`.
    public func wallTime(atSimulated simulated: Date) -> Date {
        wallOrigin + simulated.timeIntervalSince(start) / speed
    }

    /// JSON with ISO-8601 instants and fractional wall seconds, as written to the time-base file.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(FileForm(self))
    }

    public static func decode(_ data: Data) throws -> TimeBase {
        try JSONDecoder().decode(FileForm.self, from: data).timeBase
    }

    /// The on-disk form keeps `start` readable and `wallOrigin` exact to the microsecond.
    private struct FileForm: Codable {
        var start: String
        var wallOriginUnixSeconds: Double
        var speed: Double

        init(_ t: TimeBase) {
            // Not ISO8601DateFormatter: a gateway that reads a time base would otherwise map
            // megabytes of ICU (docs/performance.md).
            start = ISO8601UTC.string(t.start)
            wallOriginUnixSeconds = t.wallOrigin.timeIntervalSince1970
            speed = t.speed
        }

        var timeBase: TimeBase {
            get throws {
                guard let s = ISO8601UTC.instant(start) ?? (try? Date(start, strategy: .iso8601)) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "start '\(start)' is not an ISO-8601 UTC instant"))
                }
                return TimeBase(start: s, wallOrigin: Date(timeIntervalSince1970: wallOriginUnixSeconds), speed: speed)
            }
        }
    }
}

extension ISO8601DateFormatter {
    /// `2026-01-05T00:00:00Z`: the one spelling of instants on the command line and in files.
    public static var utc: ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f
    }
}
