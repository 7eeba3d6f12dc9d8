import Billing
import Foundation
import YAMLSupport

/// Every tariff of a folder (`tariffs/`), loaded at once so that a broken file is noticed when
/// the catalog is opened, not on the day a bill needs it. Ids are file stems and unique.
public struct TariffCatalog: Sendable {
    public let directory: URL
    /// Sorted by id.
    public let tariffs: [Tariff]
    private let display: String

    /// Loads every `*.yaml` (and `*.yml`) of `directory`; hidden files are skipped.
    ///
    /// - Parameter currentDirectory: errors name files relative to it when they are inside it.
    public init(directory: URL, currentDirectory: String = FileManager.default.currentDirectoryPath) throws(SourceError) {
        self.directory = directory.standardizedFileURL
        display = Self.displayPath(for: self.directory, currentDirectory: currentDirectory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: self.directory.path)
        } catch {
            throw SourceError(file: display, message: "cannot list the tariffs folder: \(error.localizedDescription)")
        }
        let files = names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted()
        var loaded: [String: (tariff: Tariff, file: String)] = [:]
        for name in files {
            let url = self.directory.appendingPathComponent(name)
            let file = Self.displayPath(for: url, currentDirectory: currentDirectory)
            let tariff = try TariffParser.parse(contentsOf: url, displayPath: file)
            if let earlier = loaded[tariff.id] {
                throw SourceError(file: file, message: "tariff id '\(tariff.id)' is also the stem of \(earlier.file); ids must be unique")
            }
            loaded[tariff.id] = (tariff, file)
        }
        tariffs = loaded.values.map(\.tariff).sorted { $0.id < $1.id }
    }

    public var ids: [String] { tariffs.map(\.id) }

    /// The tariff with `id`; an unknown id is an error that lists what there is.
    public func tariff(id: String) throws(SourceError) -> Tariff {
        if let tariff = tariffs.first(where: { $0.id == id }) { return tariff }
        let listed = ids.isEmpty ? "none" : ids.joined(separator: ", ")
        throw SourceError(file: display, message: "unknown tariff '\(id)'\(Suggestions.hint(for: id, in: ids)); available: \(listed)")
    }

    /// Relative to the current directory when inside it, so `tariffs/x.yaml:9:` stays short.
    static func displayPath(for url: URL, currentDirectory: String) -> String {
        let path = url.standardizedFileURL.path
        let base = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        guard base != "/", path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }
}
