import Billing
import Foundation
import Intervals
import TariffFiles
import Testing

/// The repository's `tariffs/` folder, found from this file's location (resolved and literal
/// paths both tried, as `DeviceProfilesTests` does for `devices/`).
enum Repository {
    static let tariffs: URL = {
        let literal = URL(fileURLWithPath: #filePath)
        for start in [literal.resolvingSymlinksInPath(), literal] {
            var directory = start.deletingLastPathComponent()
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("tariffs")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("hv-tou.yaml").path) {
                    return candidate.standardizedFileURL
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        return literal.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tariffs")
    }()

    static func tariff(_ id: String) throws -> Tariff {
        try TariffCatalog(directory: tariffs).tariff(id: id)
    }
}

let tokyo = TimeZone(identifier: "Asia/Tokyo")!
let chicago = TimeZone(identifier: "America/Chicago")!

/// A UTC instant from local wall time in `zone` (test inputs only: the hours used are never
/// inside a DST transition).
func local(_ text: String, _ zone: TimeZone) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = text.split(whereSeparator: { "- :".contains($0) }).compactMap { Int($0) }
    let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts.count > 3 ? parts[3] : 0,
                                    minute: parts.count > 4 ? parts[4] : 0)
    return calendar.date(from: components)!
}

/// Constant `wh` in every quarter hour of `cycle`, then `overrides` (local wall time -> Wh).
func quarterHours(of cycle: BillingCycle, wh: Double, zone: TimeZone,
                  overrides: [String: Double] = [:]) -> [EnergyInterval] {
    var series = IntervalGrid(lengthSeconds: 900).starts(in: cycle.range).map {
        EnergyInterval(start: $0, lengthSeconds: 900, energyWh: wh, source: .registerReads)
    }
    for (wall, value) in overrides {
        let start = local(wall, zone)
        if let index = series.firstIndex(where: { $0.start == start }) { series[index].energyWh = value }
    }
    return series
}

/// A tariff with another demand rule (the same bands, for comparing block and rolling demand).
func withDemand(_ tariff: Tariff, _ demand: DemandRule) throws -> Tariff {
    try Tariff(id: tariff.id, name: tariff.name, bands: tariff.bands, seasons: tariff.seasons, dayRules: tariff.dayRules,
               schedules: tariff.schedules, blocks: tariff.blocks, demand: demand, rates: tariff.rates)
}
