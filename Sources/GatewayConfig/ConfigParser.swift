import DeviceProfiles
import Foundation
import MeterKit
import YAMLSupport

/// Walks a configuration document into a `GatewayConfiguration`, section by section,
/// remembering what later sections are checked against (bus ids, units taken, profiles
/// loaded) together with the line each came from, so that a clash names both places.
struct ConfigParser {
    static let topLevelKeys = ["gateway", "store", "schedule", "logging", "devices", "time_base", "vee", "buses", "meters", "billing", "destinations", "api"]
    static let scheduleKeys = ["read_every", "interval", "backfill_per_cycle", "backfill_lookback"]

    let file: String
    let baseDirectory: String
    let fallbackCatalog: ProfileCatalog?

    /// Buses parsed so far, by id, with the line of their entry.
    var busLines: [String: Int?] = [:]
    var busIDs: [String] = []
    /// Profiles loaded so far: by resolved file path, and which file each profile id came from.
    var profilesByPath: [String: DeviceProfile] = [:]
    var profileOrigins: [String: (path: String, line: Int?)] = [:]
    /// Meters expanded so far: ids and (bus, unit) pairs with the meter and line that took them.
    var meterLines: [String: Int?] = [:]
    var unitsTaken: [BusUnit: (meter: String, line: Int?)] = [:]
    /// Every `metadata.tariff` field, checked against the tariff catalog once meters are read.
    var tariffReferences: [YAMLField] = []

    struct BusUnit: Hashable {
        var bus: String
        var unit: UInt8
    }

    init(file: String, baseDirectory: String, fallbackCatalog: ProfileCatalog?) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.fallbackCatalog = fallbackCatalog
    }

    mutating func parse(_ yaml: String) throws(SourceError) -> GatewayConfiguration {
        let top = try root(yaml).mapping(allowed: Self.topLevelKeys)
        let gateway = try top.required("gateway").mapping(allowed: ["id"])
        let gatewayID = try identifier(gateway.required("id"))
        let store = try parseStore(top.required("store"))
        let schedule = try parseSchedule(top["schedule"])
        let logLevel = try parseLogging(top["logging"])
        let vee = try parseVEE(top["vee"], schedule: schedule)
        var devicesDirectory: String?
        if let field = top["devices"] { devicesDirectory = try directory(field) }
        var timeBasePath: String?
        if let field = top["time_base"] { timeBasePath = absolute(try field.name()) }
        var billing = try parseBilling(top["billing"])
        let destinations = try parseDestinations(top["destinations"])
        let api = try parseAPI(top["api"])
        let buses = try parseBuses(top.required("buses"))
        let catalog = devicesDirectory.map { ProfileCatalog(directory: $0) } ?? fallbackCatalog ?? ProfileCatalog()
        let meters = try parseMeters(top.required("meters"), catalog: catalog)
        var profiles: [String: DeviceProfile] = [:]
        for profile in profilesByPath.values { profiles[profile.id] = profile }
        let tariffs = try loadTariffs(billing: &billing)
        return GatewayConfiguration(file: file, gatewayID: gatewayID, store: store, schedule: schedule, logLevel: logLevel,
                                    devicesDirectory: devicesDirectory, timeBasePath: timeBasePath, vee: vee, buses: buses,
                                    meters: meters, profiles: profiles, billing: billing, tariffs: tariffs, destinations: destinations, api: api)
    }

    /// The document's root node; an empty file gets a message about configurations, not
    /// the profile wording `YAMLDocument` uses.
    private func root(_ yaml: String) throws(SourceError) -> YAMLField {
        do {
            return YAMLField(node: try YAMLDocument.compose(yaml, file: file), path: "", keyLine: nil, file: file)
        } catch let error where error.line == nil && error.message.hasPrefix("the file is empty") {
            throw SourceError(file: file, message: "the file is empty; a configuration needs at least gateway, store, buses and meters")
        }
    }

    // MARK: - Sections

    private func parseStore(_ field: YAMLField) throws(SourceError) -> StoreSettings {
        let entry = try field.mapping(allowed: ["path", "retention_days"])
        let path = absolute(try entry.required("path").name())
        let retention = try entry["retention_days"]?.integer(in: 1...36_500, what: "retention_days") ?? 90
        return StoreSettings(path: path, retentionDays: retention)
    }

    private func parseSchedule(_ field: YAMLField?) throws(SourceError) -> Schedule {
        var schedule = Schedule()
        guard let field else { return schedule }
        let entry = try field.mapping(allowed: Self.scheduleKeys)
        if let interval = entry["interval"] {
            schedule.intervalSeconds = try interval.seconds(in: 1...86_400)
            guard Schedule.intervalLengths.contains(schedule.intervalSeconds) else {
                throw interval.fail("interval must be 15m or 60m (1h), got \(try interval.string())")
            }
        }
        if let readEvery = entry["read_every"] {
            let seconds = try readEvery.seconds(in: 1...86_400)
            let text = try readEvery.string()
            guard 86_400 % seconds == 0 else {
                throw readEvery.fail("read_every \(text) does not divide a day, so reads would drift off the "
                    + "wall-clock boundaries; choose a divisor such as 1m, 5m or 15m")
            }
            guard schedule.intervalSeconds % seconds == 0 else {
                throw readEvery.fail("read_every \(text) does not divide the "
                    + "\(YAMLField.format(.seconds(schedule.intervalSeconds))) interval")
            }
            schedule.readEverySeconds = seconds
        }
        if let backfill = entry["backfill_per_cycle"] {
            schedule.backfillPerCycle = try backfill.integer(in: 0...10_000, what: "backfill_per_cycle")
        }
        if let lookback = entry["backfill_lookback"] {
            schedule.backfillLookbackSeconds = try lookback.seconds(in: 0...(366 * 86_400))
        }
        return schedule
    }

    private func parseLogging(_ field: YAMLField?) throws(SourceError) -> String {
        guard let field, let levelField = try field.mapping(allowed: ["level"])["level"] else { return "info" }
        let level = try levelField.name()
        let levels = GatewayConfiguration.logLevels
        guard levels.contains(level) else {
            throw levelField.fail("unknown level '\(level)'\(Suggestions.hint(for: level, in: levels)); "
                + "expected one of \(levels.joined(separator: ", "))")
        }
        return level
    }

    // MARK: - Shared checks

    /// `path` made absolute against the configuration file's directory.
    func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: baseDirectory, isDirectory: true)).standardizedFileURL.path
    }

    /// An existing directory, absolute.
    func directory(_ field: YAMLField) throws(SourceError) -> String {
        let path = absolute(try field.name())
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw field.fail("no such directory \(path)")
        }
        return path
    }

    /// A non-empty id of letters, digits, `.`, `_` and `-`.
    func identifier(_ field: YAMLField) throws(SourceError) -> String {
        let id = try field.name()
        try checkIdentifier(id, field)
        return id
    }

    func checkIdentifier(_ id: String, _ field: YAMLField) throws(SourceError) {
        let allowed = id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
        }
        guard allowed else {
            throw field.fail("id '\(id)' may only use letters, digits, '.', '_' and '-' (ids become database keys and file names)")
        }
    }

    /// ` (first on line 12)` for messages naming an earlier entry, or nothing when the line
    /// is unknown.
    static func note(_ words: String, _ line: Int?) -> String {
        line.map { " (\(words) \($0))" } ?? ""
    }
}
