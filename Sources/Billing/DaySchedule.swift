/// The tariff's own kinds of day. Which kind a local date is depends on the tariff (its
/// weekend days, its fixed holiday periods) and on the caller's public holidays.
public enum DayKind: String, Sendable, Hashable, Codable, CaseIterable {
    case weekday, weekend, holiday
}

/// One band over one local time range.
public struct BandPeriod: Sendable, Hashable {
    public let band: String
    public let range: TimeOfDayRange

    public init(band: String, range: TimeOfDayRange) {
        self.band = band
        self.range = range
    }
}

/// The bands of one kind of day: every minute of the day must fall in exactly one period
/// (checked by `Tariff.init`), so that no energy is billed twice or not at all.
public struct DaySchedule: Sendable, Hashable {
    public let periods: [BandPeriod]

    public init(periods: [BandPeriod]) { self.periods = periods }

    /// "All day is band X", as weekends and holidays often are.
    public static func allDay(_ band: String) -> DaySchedule {
        DaySchedule(periods: [BandPeriod(band: band, range: .wholeDay)])
    }

    /// The bands covering each minute of the day, in period order.
    func owners() -> [[String]] {
        var owners = Array(repeating: [String](), count: 1440)
        for period in periods {
            for piece in period.range.pieces {
                for minute in piece where !owners[minute].contains(period.band) { owners[minute].append(period.band) }
            }
        }
        return owners
    }

    /// The first stretch of minutes covered by no band or by several, if any.
    func coverageProblem() -> TariffError.Problem? {
        let owners = owners()
        guard var first = owners.firstIndex(where: { $0.count != 1 }) else { return nil }
        var end = first + 1
        while end < 1440, owners[end] == owners[first] { end += 1 }
        // A stretch that starts at midnight may have begun the evening before (22:00-08:00).
        if first == 0, end < 1440 {
            while first > end - 1440 + 1, owners[(first - 1 + 1440) % 1440] == owners[0] { first -= 1 }
            first = (first + 1440) % 1440
        }
        return owners[first].isEmpty ? .uncovered(fromMinute: first, toMinute: end)
            : .overlap(fromMinute: first, toMinute: end, bands: owners[first])
    }
}

/// The band schedules of one season, one per kind of day.
public struct SeasonSchedule: Sendable, Hashable {
    public let season: String
    public let weekday: DaySchedule
    public let weekend: DaySchedule
    public let holiday: DaySchedule

    public init(season: String, weekday: DaySchedule, weekend: DaySchedule, holiday: DaySchedule) {
        self.season = season
        self.weekday = weekday
        self.weekend = weekend
        self.holiday = holiday
    }

    /// The same bands on every kind of day.
    public init(season: String, everyDay: DaySchedule) {
        self.init(season: season, weekday: everyDay, weekend: everyDay, holiday: everyDay)
    }

    public subscript(kind: DayKind) -> DaySchedule {
        switch kind {
        case .weekday: weekday
        case .weekend: weekend
        case .holiday: holiday
        }
    }
}
