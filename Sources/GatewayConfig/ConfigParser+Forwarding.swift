import Billing
import DeviceProfiles
import Foundation
import MeterKit
import TariffFiles
import YAMLSupport

extension ConfigParser {
    static let billingKeys = ["tariffs", "cycle_day", "channel", "close_after"]
    static let destinationKeys = ["id", "kind", "data", "batch", "min_backoff", "max_backoff", "url", "timeout", "headers", "directory", "format"]
    static let destinationKinds = ["postgres", "http", "file"]

    /// The `billing` section; every key optional.
    func parseBilling(_ field: YAMLField?) throws(SourceError) -> BillingSettings {
        var billing = BillingSettings()
        guard let field else { return billing }
        let entry = try field.mapping(allowed: Self.billingKeys)
        if let tariffs = entry["tariffs"] {
            let path = absolute(try tariffs.name())
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw tariffs.fail("no such directory \(path)")
            }
            billing.tariffsDirectory = path
        }
        if let day = entry["cycle_day"] { billing.cycleDay = try day.integer(in: 1...28, what: "cycle_day") }
        if let channel = entry["channel"] {
            let name = try channel.name()
            guard let point = PointName(rawValue: name), point.canonicalUnit == .kilowattHour else {
                throw channel.fail("channel '\(name)' is not an active energy register (energy.import.total, energy.export.total, energy.total)")
            }
            billing.channel = point
        }
        if let close = entry["close_after"] { billing.closeAfterSeconds = try close.seconds(in: 0...(7 * 86_400)) }
        return billing
    }

    /// The `destinations` list: ids unique, each transport with the keys it needs and the
    /// payloads it can carry.
    func parseDestinations(_ field: YAMLField?) throws(SourceError) -> [DestinationConfiguration] {
        guard let field else { return [] }
        var seen: [String: Int?] = [:]
        var destinations: [DestinationConfiguration] = []
        for item in try field.sequence() {
            let entry = try item.mapping(allowed: Self.destinationKeys)
            let idField = try entry.required("id")
            let id = try identifier(idField)
            if let first = seen[id] {
                throw idField.fail("destination id '\(id)' is used twice\(Self.note("first on line", first))")
            }
            seen[id] = item.line
            let destination = try parseDestination(entry, id: id)
            destinations.append(destination)
        }
        return destinations
    }

    private func parseDestination(_ entry: YAMLMapping, id: String) throws(SourceError) -> DestinationConfiguration {
        let kindField = try entry.required("kind")
        let kind = try kindField.name()
        let dataField = try entry.required("data")
        let dataName = try dataField.name()
        guard let payload = DestinationConfiguration.Payload(rawValue: dataName) else {
            throw dataField.fail("unknown data '\(dataName)'; expected intervals or billing")
        }
        let transport: DestinationConfiguration.Transport
        let defaultBatch: Int
        switch kind {
        case "postgres":
            try refuse(["timeout", "headers", "directory", "format"], in: entry, for: kind)
            guard payload == .intervals else { throw dataField.fail("a postgres destination (the warehouse) takes intervals, not \(dataName)") }
            let url = try entry.required("url")
            let text = try url.string()
            guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
                throw url.fail("expected postgres://user@host:port/database, got '\(text)'")
            }
            transport = .postgres(url: text)
            defaultBatch = 5000
        case "http":
            try refuse(["directory", "format"], in: entry, for: kind)
            guard payload == .billing else { throw dataField.fail("an http destination takes billing, not \(dataName)") }
            let url = try entry.required("url")
            let text = try url.string()
            guard let parsed = URL(string: text), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw url.fail("expected an http:// or https:// URL, got '\(text)'")
            }
            var endpoint = DestinationConfiguration.HTTPEndpoint(url: text)
            if let timeout = entry["timeout"] { endpoint.timeoutSeconds = try timeout.seconds(in: 1...600) }
            if let headers = entry["headers"] {
                for (name, value) in try headers.mapping(allowed: nil).entries { endpoint.headers[name] = try value.string() }
            }
            transport = .http(endpoint)
            defaultBatch = 100
        case "file":
            try refuse(["url", "timeout", "headers"], in: entry, for: kind)
            let directory = absolute(try entry.required("directory").name())
            let formatField = try entry.required("format")
            let formatName = try formatField.name()
            guard let format = DestinationConfiguration.FileFormat(rawValue: formatName) else {
                let names = DestinationConfiguration.FileFormat.allCases.map(\.rawValue)
                throw formatField.fail("unknown format '\(formatName)'\(Suggestions.hint(for: formatName, in: names)); expected one of \(names.joined(separator: ", "))")
            }
            guard format.payloads.contains(payload) else {
                throw formatField.fail("format \(formatName) cannot carry \(dataName)")
            }
            transport = .file(directory: directory, format: format)
            defaultBatch = 10_000
        default:
            throw kindField.fail("unknown kind '\(kind)'\(Suggestions.hint(for: kind, in: Self.destinationKinds)); expected one of \(Self.destinationKinds.joined(separator: ", "))")
        }
        var destination = DestinationConfiguration(id: id, payload: payload, transport: transport,
                                                   batchSize: try entry["batch"]?.integer(in: 1...100_000, what: "batch") ?? defaultBatch)
        if let backoff = entry["min_backoff"] { destination.minBackoffSeconds = try backoff.seconds(in: 1...3600) }
        if let backoff = entry["max_backoff"] { destination.maxBackoffSeconds = try backoff.seconds(in: 1...86_400) }
        if destination.minBackoffSeconds > destination.maxBackoffSeconds {
            throw (entry["max_backoff"] ?? entry.owner).fail("max_backoff is shorter than min_backoff")
        }
        return destination
    }

    /// Keys that belong to other kinds of destination are mistakes, not silently ignored.
    private func refuse(_ keys: [String], in entry: YAMLMapping, for kind: String) throws(SourceError) {
        for key in keys {
            if let field = entry[key] { throw field.fail("\(key) does not apply to \(kind == "http" ? "an" : "a") \(kind) destination") }
        }
    }
}

extension ConfigParser {
    /// The tariffs the meters name, from `billing.tariffs` or else the nearest `tariffs/`
    /// folder (`METERGATE_TARIFFS`, then up from the configuration file, the current
    /// directory and the executable). Nothing is loaded when no meter names a tariff.
    func loadTariffs(billing: inout BillingSettings) throws(SourceError) -> [String: Tariff] {
        guard let first = tariffReferences.first else { return [:] }
        guard let directory = billing.tariffsDirectory ?? Self.nearestTariffsDirectory(from: baseDirectory) else {
            throw first.fail("meters name tariffs but no tariffs folder was found; set billing.tariffs")
        }
        billing.tariffsDirectory = directory
        let catalog = try TariffCatalog(directory: URL(fileURLWithPath: directory, isDirectory: true))
        var tariffs: [String: Tariff] = [:]
        for field in tariffReferences {
            let id = try field.name()
            guard tariffs[id] == nil else { continue }
            do {
                tariffs[id] = try catalog.tariff(id: id)
            } catch {
                throw field.fail(error.message)
            }
        }
        return tariffs
    }

    static func nearestTariffsDirectory(from base: String) -> String? {
        if let path = ProcessInfo.processInfo.environment["METERGATE_TARIFFS"], !path.isEmpty { return path }
        var starts = [URL(fileURLWithPath: base, isDirectory: true), URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)]
        if let executable = ProfileCatalog.runningExecutablePath() { starts.append(URL(fileURLWithPath: executable).deletingLastPathComponent()) }
        for start in starts {
            if let found = ProfileCatalog.nearestDirectory(named: "tariffs", from: start) { return found.path }
        }
        return nil
    }
}
