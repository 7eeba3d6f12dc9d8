import Billing
import Foundation
import YAMLSupport

/// Reads one tariff file (`tariffs/*.yaml`) into a `Tariff`.
///
/// Strict for the same reason as device profiles: a tariff decides what a customer pays, so
/// a typo must stop the load with the file, line and key path, never bill at a wrong band.
/// The checks `Tariff.init` makes (every minute in exactly one band, seasons covering the
/// year once) are reported at the line of the schedule or season they concern.
///
/// # Format (`tariffs/README.md` has a full example)
///
/// - `name` (text, required).
/// - `bands` (list of names, required): the bands in the order determinants list them.
/// - `seasons` (mapping, optional): season name to a list of annual periods `MM-DD..MM-DD`
///   (inclusive, may wrap the year end) or single days `MM-DD`. Default: one season
///   `all_year`.
/// - `days` (mapping, optional): `weekend` (list of weekday names, default `[saturday,
///   sunday]`), `holidays` (list of annual periods that count as holidays, such as the New
///   Year period `01-01..01-03`, default none). The caller's public holidays always count.
/// - `schedule` (mapping, required): per season name a day mapping, or one day mapping for
///   every season. A day mapping has `weekday`, `weekend` and `holiday`, or `every_day`
///   alone. Each of those maps band names to time ranges `HH:MM-HH:MM` (one or a list;
///   `22:00-08:00` wraps midnight, `24:00` ends the day), or is `{ all_day: BAND }`.
/// - `blocks` (mapping, optional): `kwh` (increasing upper bounds, required), `band` (the
///   band they apply to; default the total energy).
/// - `demand` (mapping, required): `window` (minutes: 15, 30 or 60), `method` (`block` |
///   `rolling`, default `block`).
/// - `rates` (list, optional, informational): `charge` (`energy` | `demand` | `basic`),
///   `price` (number), `unit` (text), all required; `season`, `band`, `block`, `note`.
public enum TariffParser {
    static let topLevelKeys = ["name", "bands", "seasons", "days", "schedule", "blocks", "demand", "rates"]
    static let dayKeys = DayKind.allCases.map(\.rawValue) + ["every_day"]

    /// Parses tariff text; `id` is by convention the file stem, `file` how errors name it.
    public static func parse(yaml: String, id: String, file: String) throws(SourceError) -> Tariff {
        let root: YAMLField
        do {
            root = YAMLField(node: try YAMLDocument.compose(yaml, file: file), path: "", keyLine: nil, file: file)
        } catch let error where error.line == nil && error.message.hasPrefix("the file is empty") {
            throw SourceError(file: file, message: "the file is empty; a tariff needs at least name, bands, schedule and demand")
        }
        let top = try root.mapping(allowed: topLevelKeys)
        let name = try top.required("name").name()
        let bands = try parseBands(top.required("bands"))
        var seasons = [Season.allYear]
        if let field = top["seasons"] { seasons = try parseSeasons(field) }
        let dayRules = try top["days"].map { f throws(SourceError) in try parseDayRules(f) } ?? DayRules()
        var places = Places(root: root, seasons: top["seasons"])
        let schedules = try parseSchedule(top.required("schedule"), seasons: seasons, bands: bands, places: &places)
        places.blocks = top["blocks"]
        let blocks = try top["blocks"].map { f throws(SourceError) in try parseBlocks(f, bands: bands) }
        let demandField = try top.required("demand")
        places.demand = demandField
        let demand = try parseDemand(demandField)
        places.rates = try top["rates"]?.sequence() ?? []
        let rates = try parseRates(places.rates)
        do {
            return try Tariff(id: id, name: name, bands: bands, seasons: seasons, dayRules: dayRules, schedules: schedules,
                              blocks: blocks, demand: demand, rates: rates)
        } catch {
            throw places.field(for: error).fail(error.message)
        }
    }

    /// Reads and parses a tariff file; the id is the file stem.
    public static func parse(contentsOf url: URL, displayPath: String? = nil) throws(SourceError) -> Tariff {
        let file = displayPath ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SourceError(file: file, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw SourceError(file: file, message: "the file is not UTF-8 text") }
        return try parse(yaml: text, id: url.deletingPathExtension().lastPathComponent, file: file)
    }

    /// Where each part of the tariff was written, so that a `TariffError` points at it.
    struct Places {
        let root: YAMLField
        let seasons: YAMLField?
        var schedule: [String: [DayKind: YAMLField]] = [:]
        var blocks: YAMLField?
        var demand: YAMLField?
        var rates: [YAMLField] = []

        func field(for error: TariffError) -> YAMLField {
            switch error.problem {
            case .noSeasons, .duplicateSeason, .dayWithoutSeason, .dayInSeveralSeasons: return seasons ?? root
            case .badBlocks: return blocks ?? root
            case .badDemandWindow: return demand ?? root
            case .badRate(let index, _): return rates.indices.contains(index) ? rates[index] : root
            default:
                guard let season = error.season, let days = schedule[season] else { return root }
                return error.dayKind.flatMap { days[$0] } ?? days[.weekday] ?? root
            }
        }
    }

    // MARK: - Names, bands, seasons, days

    static func identifier(_ field: YAMLField, what: String) throws(SourceError) -> String {
        let text = try field.name()
        guard isIdentifier(text) else { throw field.fail("\(what) '\(text)' may only use letters, digits, '_' and '-'") }
        return text
    }

    /// Names go into determinants' JSON and into key paths: plain ASCII words only.
    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    static func parseBands(_ field: YAMLField) throws(SourceError) -> [String] {
        var bands: [String] = []
        for item in try field.sequence() {
            let band = try identifier(item, what: "band")
            guard band != "all_day" else { throw item.fail("'all_day' is a keyword, not a band name") }
            guard !bands.contains(band) else { throw item.fail("band '\(band)' is listed twice") }
            bands.append(band)
        }
        guard !bands.isEmpty else { throw field.fail("a tariff needs at least one band") }
        return bands
    }

    static func parseSeasons(_ field: YAMLField) throws(SourceError) -> [Season] {
        var seasons: [Season] = []
        for (name, seasonField) in try field.mapping(allowed: nil).entries {
            let problem = dayKeys.contains(name) ? "'\(name)' names a kind of day; choose another season name"
                : isIdentifier(name) ? nil : "season '\(name)' may only use letters, digits, '_' and '-'"
            if let problem {
                throw SourceError(file: field.file, line: seasonField.keyLine, keyPath: seasonField.path, message: problem)
            }
            seasons.append(Season(name: name, periods: try periods(seasonField)))
        }
        guard !seasons.isEmpty else { throw field.fail("give at least one season, or leave seasons out") }
        return seasons
    }

    /// One `MM-DD..MM-DD` or a list of them.
    static func periods(_ field: YAMLField) throws(SourceError) -> [AnnualPeriod] {
        let items: [YAMLField]
        if case .sequence = field.node { items = try field.sequence() } else { items = [field] }
        var periods: [AnnualPeriod] = []
        for item in items {
            let text = try item.string()
            guard let period = AnnualPeriod(text) else {
                throw item.fail("bad period '\(text)'; expected MM-DD..MM-DD or MM-DD (days that exist)")
            }
            periods.append(period)
        }
        return periods
    }

    static func parseDayRules(_ field: YAMLField) throws(SourceError) -> DayRules {
        let entry = try field.mapping(allowed: ["weekend", "holidays"])
        var weekend: Set<Weekday> = [.saturday, .sunday]
        if let list = entry["weekend"] {
            weekend = []
            for item in try list.sequence() {
                let text = try item.string().lowercased()
                guard let day = Weekday(rawValue: text) else {
                    let names = Weekday.allCases.map(\.rawValue)
                    throw item.fail("unknown weekday '\(text)'\(Suggestions.hint(for: text, in: names)); expected one of \(names.joined(separator: ", "))")
                }
                weekend.insert(day)
            }
        }
        let holidays = try entry["holidays"].map { f throws(SourceError) in try periods(f) } ?? []
        return DayRules(weekend: weekend, holidayPeriods: holidays)
    }
}
