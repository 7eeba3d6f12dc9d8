import Foundation
import Intervals

/// How the gateway turns reads into validated intervals: the site's local time (for day
/// types, daily checks and like days), its holidays, how far back intervals are recomputed
/// when late data arrives, and the VEE thresholds.
public struct VEEConfiguration: Sendable {
    /// An IANA time zone identifier, such as `America/Chicago`.
    public var timeZone: TimeZone
    /// Holidays as local dates `yyyy-MM-dd`: like-day estimation treats them as their own day type.
    public var holidays: Set<String>
    /// How far back intervals are recomputed after new data (a meter's memory read back,
    /// reads after an outage); older intervals only change through a re-read.
    public var recomputeSeconds: Int
    public var settings: VEESettings

    /// UTC by default as `TimeZone.gmt`, which Foundation serves without ICU: a named zone pages
    /// in about 2 MB of ICU, which a gateway on UTC need not carry.
    public init(timeZone: TimeZone = .gmt, holidays: Set<String> = [], recomputeSeconds: Int = 86_400,
                settings: VEESettings = VEESettings()) {
        self.timeZone = timeZone
        self.holidays = holidays
        self.recomputeSeconds = recomputeSeconds
        self.settings = settings
    }

    public var localDays: LocalDays { LocalDays(timeZone: timeZone, holidays: holidays) }
}
