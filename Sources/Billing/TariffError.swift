/// Why a tariff is not usable, naming the tariff and, where it applies, the season and kind
/// of day, so that the fix is obvious: "tariff hv-tou, season summer, weekday: 13:00-14:00 is
/// covered by no band".
public struct TariffError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        case noBands
        case duplicateBand(String)
        case noSeasons
        case duplicateSeason(String)
        case dayWithoutSeason(MonthDay)
        case dayInSeveralSeasons(MonthDay, seasons: [String])
        case missingSchedule
        case scheduleForUnknownSeason
        case unknownBand(String)
        case uncovered(fromMinute: Int, toMinute: Int)
        case overlap(fromMinute: Int, toMinute: Int, bands: [String])
        case badBlocks(String)
        case badDemandWindow(Int)
        case badRate(index: Int, reason: String)
    }

    public var tariff: String
    public var season: String?
    public var dayKind: DayKind?
    public var problem: Problem

    public init(tariff: String, season: String? = nil, dayKind: DayKind? = nil, problem: Problem) {
        self.tariff = tariff
        self.season = season
        self.dayKind = dayKind
        self.problem = problem
    }

    /// The problem alone, without the tariff, season and day (a file parser puts those in
    /// the line and key path instead).
    public var message: String {
        switch problem {
        case .noBands: "a tariff needs at least one band"
        case .duplicateBand(let band): "band '\(band)' is listed twice"
        case .noSeasons: "a tariff needs at least one season"
        case .duplicateSeason(let season): "season '\(season)' is defined twice"
        case .dayWithoutSeason(let day): "\(day) belongs to no season"
        case .dayInSeveralSeasons(let day, let seasons): "\(day) belongs to several seasons: \(seasons.joined(separator: ", "))"
        case .missingSchedule: "the season has no band schedule"
        case .scheduleForUnknownSeason: "a band schedule names a season the tariff does not define"
        case .unknownBand(let band): "unknown band '\(band)'"
        case .uncovered(let from, let to):
            "\(TimeOfDayRange.clock(from))-\(TimeOfDayRange.clock(to)) is covered by no band"
        case .overlap(let from, let to, let bands):
            "\(TimeOfDayRange.clock(from))-\(TimeOfDayRange.clock(to)) is in several bands: \(bands.joined(separator: ", "))"
        case .badBlocks(let reason): "energy blocks: \(reason)"
        case .badDemandWindow(let minutes):
            "demand window \(minutes) min is not one of \(DemandRule.allowedWindows.map(String.init).joined(separator: ", "))"
        case .badRate(let index, let reason): "rate \(index): \(reason)"
        }
    }

    public var description: String {
        var where_ = "tariff \(tariff)"
        if let season { where_ += ", season \(season)" }
        if let dayKind { where_ += ", \(dayKind.rawValue)" }
        return where_ + ": " + message
    }
}
