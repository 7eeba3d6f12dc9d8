import Billing
import Foundation
import TariffFiles
import Testing
import YAMLSupport

/// A broken tariff file names the file, line and key path in one line. Lines of `valid`:
/// 1 name, 2 bands, 3 seasons, 4 summer, 5 other, 6 schedule, 7 summer, 8 weekday, 9 peak,
/// 10 daytime, 11 night, 12 weekend, 13 holiday, 14 other, 15 every_day, 16 daytime,
/// 17 night, 18 demand.
@Suite struct TariffFileErrorTests {
    static let valid = """
        name: Broken on purpose
        bands: [peak, daytime, night]
        seasons:
          summer: 07-01..09-30
          other: 10-01..06-30
        schedule:
          summer:
            weekday:
              peak: 13:00-16:00
              daytime: [08:00-13:00, 16:00-22:00]
              night: 22:00-08:00
            weekend: { all_day: night }
            holiday: { all_day: night }
          other:
            every_day:
              daytime: 08:00-22:00
              night: 22:00-08:00
        demand: { window: 30, method: block }

        """

    /// Loads `yaml` as `tariffs/bad.yaml` through a catalog and returns its error.
    func error(_ yaml: String) throws -> SourceError? {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tariffs-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        let folder = root.appendingPathComponent("tariffs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try yaml.write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try TariffCatalog(directory: folder, currentDirectory: root.path)
            return nil
        } catch {
            return error
        }
    }

    func expectError(_ yaml: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try error(yaml)
        #expect(found?.description == expected, sourceLocation: sourceLocation)
    }

    @Test func theValidBaseLoads() throws {
        #expect(try error(Self.valid) == nil)
    }

    @Test func anUncoveredHourIsReportedAtItsDayScheduleWithTheTimes() throws {
        try expectError(Self.valid.replacingOccurrences(of: "08:00-13:00", with: "08:00-12:00"),
                        "tariffs/bad.yaml:8: schedule.summer.weekday: 12:00-13:00 is covered by no band")
    }

    @Test func overlappingBandsAreReportedWithBothBands() throws {
        try expectError(Self.valid.replacingOccurrences(of: "      night: 22:00-08:00\n    weekend", with: "      night: 21:00-08:00\n    weekend"),
                        "tariffs/bad.yaml:8: schedule.summer.weekday: 21:00-22:00 is in several bands: daytime, night")
    }

    @Test func anUnknownKeyIsRejectedWithASuggestion() throws {
        try expectError(Self.valid.replacingOccurrences(of: "method: block", with: "mehtod: block"),
                        "tariffs/bad.yaml:18: demand.mehtod: unknown key 'mehtod' (did you mean method?); expected one of window, method")
    }

    @Test func aBadTimeIsRejectedAtItsScalar() throws {
        try expectError(Self.valid.replacingOccurrences(of: "13:00-16:00", with: "13:00-25:00"),
                        "tariffs/bad.yaml:9: schedule.summer.weekday.peak: bad time range '13:00-25:00'; "
                            + "expected HH:MM-HH:MM (00:00 to 24:00, start and end differ)")
    }

    @Test func aDayOutsideEverySeasonIsReportedAtTheSeasons() throws {
        try expectError(Self.valid.replacingOccurrences(of: "10-01..06-30", with: "10-01..06-29"),
                        "tariffs/bad.yaml:3: seasons: 06-30 belongs to no season")
    }

    @Test func anUnknownBandInAllDaySuggestsTheBands() throws {
        try expectError(Self.valid.replacingOccurrences(of: "weekend: { all_day: night }", with: "weekend: { all_day: nigt }"),
                        "tariffs/bad.yaml:12: schedule.summer.weekend.all_day: unknown band 'nigt' (did you mean night?); "
                            + "the bands are peak, daytime, night")
    }

    @Test func aMissingKindOfDayIsNamed() throws {
        try expectError(Self.valid.replacingOccurrences(of: "    holiday: { all_day: night }\n", with: ""),
                        "tariffs/bad.yaml:7: schedule.summer: missing 'holiday' (give weekday, weekend and holiday, or every_day)")
    }
}
