import Billing
import YAMLSupport

extension TariffParser {
    /// `schedule`: one day mapping per season, or one for every season.
    static func parseSchedule(_ field: YAMLField, seasons: [Season], bands: [String],
                              places: inout Places) throws(SourceError) -> [SeasonSchedule] {
        let probe = try field.mapping(allowed: nil)
        let shared = probe.entries.allSatisfy { dayKeys.contains($0.key) }
        if shared {
            var out: [SeasonSchedule] = []
            for season in seasons {
                var located: [DayKind: YAMLField] = [:]
                out.append(try parseSeasonDays(field, season: season.name, bands: bands, located: &located))
                places.schedule[season.name] = located
            }
            return out
        }
        let names = seasons.map(\.name)
        let entry = try field.mapping(allowed: names)
        var out: [SeasonSchedule] = []
        for name in names {
            guard let seasonField = entry[name] else {
                throw field.fail("missing the schedule of season '\(name)' (give one per season, or one for every season)")
            }
            var located: [DayKind: YAMLField] = [:]
            out.append(try parseSeasonDays(seasonField, season: name, bands: bands, located: &located))
            places.schedule[name] = located
        }
        return out
    }

    /// `weekday`, `weekend` and `holiday`, or `every_day` alone.
    static func parseSeasonDays(_ field: YAMLField, season: String, bands: [String],
                                located: inout [DayKind: YAMLField]) throws(SourceError) -> SeasonSchedule {
        let entry = try field.mapping(allowed: dayKeys)
        if let every = entry["every_day"] {
            if let other = entry.entries.first(where: { $0.key != "every_day" }) {
                throw other.field.fail("every_day covers every kind of day; leave out \(other.key) or every_day")
            }
            for kind in DayKind.allCases { located[kind] = every }
            return SeasonSchedule(season: season, everyDay: try parseDay(every, bands: bands))
        }
        var days: [DayKind: DaySchedule] = [:]
        for kind in DayKind.allCases {
            guard let dayField = entry[kind.rawValue] else {
                throw field.fail("missing '\(kind.rawValue)' (give weekday, weekend and holiday, or every_day)")
            }
            located[kind] = dayField
            days[kind] = try parseDay(dayField, bands: bands)
        }
        return SeasonSchedule(season: season, weekday: days[.weekday] ?? .allDay(bands[0]),
                              weekend: days[.weekend] ?? .allDay(bands[0]), holiday: days[.holiday] ?? .allDay(bands[0]))
    }

    /// Band names to time ranges, or `{ all_day: BAND }`.
    static func parseDay(_ field: YAMLField, bands: [String]) throws(SourceError) -> DaySchedule {
        let entry = try field.mapping(allowed: bands + ["all_day"])
        if let allDay = entry["all_day"] {
            if let other = entry.entries.first(where: { $0.key != "all_day" }) {
                throw other.field.fail("all_day already gives the whole day; leave out \(other.key) or all_day")
            }
            let band = try allDay.string()
            guard bands.contains(band) else {
                throw allDay.fail("unknown band '\(band)'\(Suggestions.hint(for: band, in: bands)); the bands are \(bands.joined(separator: ", "))")
            }
            return .allDay(band)
        }
        guard !entry.entries.isEmpty else { throw field.fail("give band time ranges or all_day") }
        var periods: [BandPeriod] = []
        for (band, rangesField) in entry.entries {
            let items: [YAMLField]
            if case .sequence = rangesField.node { items = try rangesField.sequence() } else { items = [rangesField] }
            guard !items.isEmpty else { throw rangesField.fail("give at least one time range") }
            for item in items {
                let text = try item.string()
                guard let range = TimeOfDayRange(text) else {
                    throw item.fail("bad time range '\(text)'; expected HH:MM-HH:MM (00:00 to 24:00, start and end differ)")
                }
                periods.append(BandPeriod(band: band, range: range))
            }
        }
        return DaySchedule(periods: periods)
    }
}
