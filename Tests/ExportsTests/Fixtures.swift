import Foundation
import Exports
import Intervals

/// Instants and interval runs the export tests share, each with its UTC text.
enum Fixture {
    static let march1 = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01T00:00:00Z
    static let generatedAt = Date(timeIntervalSince1970: 1_772_352_000)  // 2026-03-01T08:00:00Z
    static let chicago = TimeZone(identifier: "America/Chicago")!

    /// `count` quarter hours of `wh` each from `start`.
    static func run(meter: String = "m-001", channel: String = "energy.import.total", from start: Date, count: Int,
                    length: Int = 900, wh: Double = 250) -> [ExportedInterval] {
        (0..<count).map { index in
            ExportedInterval(meterID: meter, channel: channel, start: start.addingTimeInterval(TimeInterval(index * length)),
                             lengthSeconds: length, valueWh: wh)
        }
    }
}
