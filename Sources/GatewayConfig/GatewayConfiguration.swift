import Billing
import DeviceProfiles
import Foundation
import MeterKit
import YAMLSupport

/// Everything a gateway needs to run, read from its `gateway.yaml`: which buses to open,
/// which meters to read on them through which profiles, how often, and where to keep the
/// results.
///
/// A configuration is checked as a whole when it is loaded (buses, units, profiles and
/// channels included) so that a field technician learns about a typo from `metergate
/// config check`, with file, line and key path, rather than from a meter that silently
/// never gets read. Relative paths are resolved against the file's directory, never the
/// current directory, so the daemon reads the same files whoever starts it from wherever.
///
/// # Format
///
/// ```yaml
/// gateway: { id: gw-north-01 }
/// store: { path: store.sqlite, retention_days: 90 }
/// schedule: { read_every: 5m, interval: 15m, backfill_per_cycle: 96, backfill_lookback: 1d }
/// logging: { level: info }
/// devices: ../devices
/// time_base: /tmp/timebase.json
/// buses:
///   - { id: tcp-a, tcp: "127.0.0.1:1502", timeout: 500ms, retries: 1 }
///   - id: rs485-1
///     rtu: { device: /dev/ttyUSB0, baud: 9600, parity: E, data_bits: 8, stop_bits: 1 }
///     unit_switch_pause: 5ms
/// meters:
///   - { id: m-0001, bus: tcp-a, unit: 1, profile: sdm630, ct: 200/5,
///       channels: [energy.import.total, voltage.l1], metadata: { tariff: tou-a } }
///   - { id: "a-{unit:03}", bus: rs485-1, units: 2-100, profile: sdm630 }
/// ```
///
/// Top-level keys (no others are accepted):
/// - `gateway` (mapping, required): `id` (text, required): the gateway's name in the data
///   it forwards.
/// - `store` (mapping, required): `path` (text, required; relative to the file's
///   directory) of the SQLite store; `retention_days` (integer ≥ 1, default 90).
/// - `schedule` (mapping, optional): `read_every` (duration, default 15m): register reads,
///   aligned to UTC wall-clock boundaries, so it must divide a day and the interval;
///   `interval` (`15m` or `60m`/`1h`, default 15m): the length of a recorded interval;
///   `backfill_per_cycle` (integer 0...10000, default 96, 0 turns backfill off): recorded
///   intervals read back from one meter's memory per cycle at most;
///   `backfill_lookback` (duration, default 1d): how far back a new meter's memory is read.
/// - `logging` (mapping, optional): `level` (`trace`, `debug`, `info`, `notice`,
///   `warning`, `error`, `critical`; default `info`).
/// - `devices` (text, optional): the profile directory, relative to the file's directory;
///   it must exist. Without it profiles are found as `ProfileCatalog` finds them
///   (`METERGATE_DEVICES`, then the nearest `devices/` up from the current directory or
///   the executable).
/// - `time_base` (text, optional): a `meter-sim --time-base` file (relative to the file's
///   directory); the gateway then runs on that simulated time. Test rigs only; the file
///   need not exist yet, since the emulator may start after the gateway.
/// - `vee` (mapping, optional): the interval engine. `time_zone` (IANA name, default UTC:
///   the site's local time for day types, daily checks and like days), `holidays` (list of
///   local dates `yyyy-MM-dd`), `recompute` (duration 1h...31d, default the larger of 1d and
///   `backfill_lookback`: how far back late data revises intervals), `max_linear_gap`
///   (default 1h), `like_days` (1...10, default 3), `clock_tolerance` (default 30s),
///   `spike_tolerance` (number or percentage, default 300%), `max_zero_run` (default 8h),
///   `reconciliation_tolerance` (default 1%).
/// - `billing` (mapping, optional): `tariffs` (directory of tariff files, default
///   `METERGATE_TARIFFS` or the nearest `tariffs/` up from the file, the current directory or
///   the executable), `cycle_day` (1...28, default 1), `channel` (the billed active-energy
///   register, default `energy.import.total`), `close_after` (duration, default 1h). A meter
///   is billed when `metadata.tariff` names a tariff of that folder (checked at load).
/// - `destinations` (list, optional): each a mapping with `id` (unique), `kind` (`postgres`,
///   `http` or `file`), `data` (`intervals` or `billing`), `batch` (rows per batch, default
///   5000 / 100 / 10000 by kind), `min_backoff` (default 1s) and `max_backoff` (default 10m).
///   `postgres` (intervals only): `url` (`postgres://user@host:port/db?sslmode=disable`).
///   `http` (billing only): `url` (http or https), `timeout` (default 10s), `headers`.
///   `file`: `directory` and `format` (`csv`, `espi`, `lse` for intervals; `jsonl` or `csv` for billing).
/// - `api` (mapping, optional; without it the HTTP API does not run): `listen` (`host:port`,
///   default `127.0.0.1:8080`), `public` (bool, default false; required true for a host
///   that is not loopback), `tls` (`certificate` and `key`, PEM files), `commissioning_records`
///   (a directory of `metergate commission --record` files), `openapi` (the document served
///   at `/openapi.yaml`; default `docs/openapi.yaml` found like `tariffs/`). See `APISettings`.
/// - `buses` (list, required, at least one): each a mapping with `id` (required, unique)
///   and exactly one of `tcp` (`HOST:PORT`, port default 502, IPv6 as `[::1]:502`) or `rtu`
///   (mapping: `device` required; `baud` default 9600, `parity` `N`/`E`/`O` default `E`,
///   `data_bits` 7 or 8 default 8, `stop_bits` 1 or 2 default 1). Then `timeout`
///   (duration 1ms...60s, default 1s) and `retries` (0...10, default 1) per request;
///   `unit_switch_pause` (rtu only, duration 0...1s, default 5ms); `offline_after`
///   (1...100 consecutive failed cycles before a meter is marked offline, default 2);
///   `max_backoff` (duration 1s...1d, default 1h: the longest wait between attempts at an
///   offline meter). No two buses may share an endpoint: one poller owns each line.
/// - `meters` (list, required, at least one): each a mapping with `id` (required),
///   `bus` (a bus id, required), `unit` (1...247) or `units` (a selection such as `2-100`
///   or `1,3,7-9`: a group, one meter per unit, whose id must contain `{unit}` or a
///   zero-padded `{unit:03}`), `profile` (required: a profile id such as `sdm630`, or a
///   path to a profile file relative to the file's directory), `channels` (list of point
///   names the profile maps; default every cumulative point of the profile, in profile
///   order), `ct` and `pt` (transformer ratios such as `200/5` or `40`; the meter's
///   multiplier is their product, 1 without), `metadata` (mapping, all optional:
///   `rate_class`, `tariff`, `stratum`, `weather_zone`, `site` as text, `weight` a positive
///   number).
///
/// Durations are `500ms`, `30s`, `5m`, `1h`, `1d` or a bare integer of seconds; settings
/// kept in seconds must be whole seconds. Ids (gateway, buses, meters after expansion) use
/// letters, digits, `.`, `_` and `-` only: they end up in database keys and file names.
/// Meter ids are unique after group expansion, and no two meters share a bus and unit.
/// Profile ids (file stems) must be unique too: two different files named `sdm630.yaml`
/// would be ambiguous downstream. Duplicate keys are rejected.
public struct GatewayConfiguration: Sendable {
    /// How errors and summaries name the configuration file.
    public var file: String
    /// The gateway's name in everything it forwards.
    public var gatewayID: String
    public var store: StoreSettings
    public var schedule: Schedule
    /// One of `GatewayConfiguration.logLevels`.
    public var logLevel: String
    /// The profile directory the file names, absolute; nil when the file names none.
    public var devicesDirectory: String?
    /// The simulated time-base file, absolute; nil on a real installation.
    public var timeBasePath: String?
    /// Interval engine settings: local time, holidays, thresholds.
    public var vee: VEEConfiguration
    public var buses: [BusConfiguration]
    /// Every meter, groups expanded, in file order (a group's units ascending).
    public var meters: [MeterConfiguration]
    /// The profiles the meters use, by profile id (`MeterConfiguration.profileID`).
    public var profiles: [String: DeviceProfile]
    /// How billing determinants are computed for meters with a tariff.
    public var billing: BillingSettings
    /// The tariffs the meters name (`metadata.tariff`), by id.
    public var tariffs: [String: Tariff]
    /// Where intervals and billing determinants are forwarded, in file order.
    public var destinations: [DestinationConfiguration]
    /// The headend's HTTP API; nil when the file has no `api` section (then it does not run).
    public var api: APISettings?

    public init(file: String, gatewayID: String, store: StoreSettings, schedule: Schedule = Schedule(),
                logLevel: String = "info", devicesDirectory: String? = nil, timeBasePath: String? = nil,
                vee: VEEConfiguration = VEEConfiguration(), buses: [BusConfiguration], meters: [MeterConfiguration], profiles: [String: DeviceProfile],
                billing: BillingSettings = BillingSettings(), tariffs: [String: Tariff] = [:], destinations: [DestinationConfiguration] = [],
                api: APISettings? = nil) {
        self.file = file
        self.gatewayID = gatewayID
        self.store = store
        self.schedule = schedule
        self.logLevel = logLevel
        self.devicesDirectory = devicesDirectory
        self.timeBasePath = timeBasePath
        self.vee = vee
        self.buses = buses
        self.meters = meters
        self.profiles = profiles
        self.billing = billing
        self.tariffs = tariffs
        self.destinations = destinations
        self.api = api
    }

    /// The accepted `logging.level` values, quietest last.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Reads and checks a configuration file.
    ///
    /// - Parameters:
    ///   - path: the file; relative paths inside it are resolved against its directory.
    ///   - catalog: where profiles are found when the file names no `devices` directory;
    ///     nil for `ProfileCatalog`'s default lookup.
    /// - Throws: a one-line `SourceError` naming the file (relative to the current
    ///   directory when inside it), the line and key path of the first problem.
    public static func load(path: String, catalog: ProfileCatalog? = nil) throws(SourceError) -> GatewayConfiguration {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let file = ProfileParser.displayPath(for: url)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SourceError(file: file, message: "no such file")
        }
        guard !isDirectory.boolValue else { throw SourceError(file: file, message: "is a directory, not a configuration file") }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw SourceError(file: file, message: "cannot read the file: permission denied")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SourceError(file: file, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SourceError(file: file, message: "the file is not UTF-8 text")
        }
        return try parse(yaml: text, file: file, baseDirectory: url.deletingLastPathComponent().path, catalog: catalog)
    }

    /// Checks configuration text.
    ///
    /// - Parameters:
    ///   - yaml: the file's contents.
    ///   - file: how errors name the file.
    ///   - baseDirectory: what relative paths in the text are relative to (the file's
    ///     directory).
    ///   - catalog: where profiles are found when the text names no `devices` directory;
    ///     nil for `ProfileCatalog`'s default lookup.
    /// - Throws: a one-line `SourceError` at the line and key path of the first problem, or
    ///   at a profile file's own line when a referenced profile is broken.
    public static func parse(yaml: String, file: String, baseDirectory: String,
                             catalog: ProfileCatalog? = nil) throws(SourceError) -> GatewayConfiguration {
        var parser = ConfigParser(file: file, baseDirectory: baseDirectory, fallbackCatalog: catalog)
        return try parser.parse(yaml)
    }
}
