import Foundation
import MeterKit
import YAMLSupport

/// Finds device profiles by name (`sdm630`) or by path, so configs and the command line can
/// say `--profile sdm630` wherever the gateway runs from.
///
/// The devices directory is taken from, in order: an explicit directory (a `--devices`
/// option), the `METERGATE_DEVICES` environment variable, the nearest `devices/` folder
/// walking up from the current directory, then the nearest walking up from the running
/// executable (so `.build/debug/metergate` finds the checkout's `devices/` from anywhere).
/// The first two are taken as given, even if missing, because someone asked for them and a
/// silent fallback would load profiles from a place they did not mean. The walks accept only
/// a `devices/` folder that holds a `.yaml` or `.yml` file, so an unrelated folder of that
/// name is passed over.
public struct ProfileCatalog: Sendable {
    /// How the devices directory was chosen; messages say it so a wrong pick is obvious.
    public enum DirectorySource: String, Sendable, Hashable, CustomStringConvertible {
        case explicit, environment, currentDirectory, executable

        public var description: String {
            switch self {
            case .explicit: "given explicitly"
            case .environment: "from METERGATE_DEVICES"
            case .currentDirectory: "found walking up from the current directory"
            case .executable: "found walking up from the executable"
            }
        }
    }

    /// The devices directory, or nil when none was given or found (paths still work).
    public let directory: URL?
    public let source: DirectorySource?
    private let currentDirectory: String

    /// - Parameters:
    ///   - directory: an explicit devices directory; wins over everything else.
    ///   - environment: where `METERGATE_DEVICES` is looked up.
    ///   - currentDirectory: the start of the first walk, and the base of relative paths.
    ///   - executablePath: the start of the second walk; nil skips it.
    public init(directory: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath,
                executablePath: String? = ProfileCatalog.runningExecutablePath()) {
        self.currentDirectory = currentDirectory
        let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        if let directory {
            (self.directory, source) = (URL(fileURLWithPath: directory, relativeTo: base).standardizedFileURL, .explicit)
        } else if let fromEnvironment = environment["METERGATE_DEVICES"], !fromEnvironment.isEmpty {
            (self.directory, source) = (URL(fileURLWithPath: fromEnvironment, relativeTo: base).standardizedFileURL, .environment)
        } else if let found = Self.nearestDevicesDirectory(from: base) {
            (self.directory, source) = (found, .currentDirectory)
        } else if let executablePath,
                  let found = Self.nearestDevicesDirectory(from: URL(fileURLWithPath: executablePath).deletingLastPathComponent()) {
            (self.directory, source) = (found, .executable)
        } else {
            (self.directory, source) = (nil, nil)
        }
    }

    /// The running program's path with symlinks resolved (`/proc/self/exe` on Linux), so a
    /// symlinked `metergate` still finds the checkout it was built in.
    public static func runningExecutablePath() -> String? {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return target
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }

    /// The first `start/devices`, `start/../devices`, ... that holds a profile file.
    static func nearestDevicesDirectory(from start: URL) -> URL? {
        nearestDirectory(named: "devices", from: start)
    }

    /// The first `start/name`, `start/../name`, ... that holds a YAML file: how data folders
    /// shipped with the gateway (`devices/`, `tariffs/`) are found from a checkout or an install.
    public static func nearestDirectory(named name: String, from start: URL) -> URL? {
        var directory = start.standardizedFileURL
        while true {
            let candidate = directory.appendingPathComponent(name, isDirectory: true)
            if !profileFiles(in: candidate).isEmpty { return candidate }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    private static func profileFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .filter { !$0.hasPrefix(".") }
            .map { directory.appendingPathComponent($0) }
    }

    /// Profile ids available in the devices directory, sorted; empty without a directory.
    public func stems() -> [String] {
        guard let directory else { return [] }
        let stems = Self.profileFiles(in: directory).map { $0.deletingPathExtension().lastPathComponent }
        return Array(Set(stems)).sorted()
    }

    /// Whether a reference names a file rather than a profile in the devices directory.
    public static func isPath(_ reference: String) -> Bool {
        reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
    }

    /// The file a reference points to: a path (relative to the current directory) or a
    /// stem looked up in the devices directory (`.yaml` preferred over `.yml`).
    public func url(for reference: String) throws(ProfileError) -> URL {
        if Self.isPath(reference) {
            let url = URL(fileURLWithPath: reference, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
                .standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ProfileError(file: display(url), message: "no such profile file")
            }
            return url
        }
        guard let directory, let source else {
            throw ProfileError(file: reference, message: "no devices directory found: pass one, set METERGATE_DEVICES, "
                + "or run from inside a checkout with a devices/ folder (searched up from \(currentDirectory))")
        }
        for ext in ["yaml", "yml"] {
            let url = directory.appendingPathComponent(reference + "." + ext)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        let available = stems()
        let listed = available.isEmpty ? "none (no .yaml files)" : available.joined(separator: ", ")
        throw ProfileError(file: display(directory),
                           message: "unknown profile '\(reference)'\(Suggestions.hint(for: reference, in: available)); "
                               + "available: \(listed) (devices directory \(source))")
    }

    /// Loads the profile a reference points to; its id is the file stem.
    public func load(_ reference: String) throws(ProfileError) -> DeviceProfile {
        let url = try url(for: reference)
        return try ProfileParser.parse(contentsOf: url, displayPath: display(url))
    }

    /// Every profile in the devices directory, sorted by id; fails on the first bad file so
    /// that a broken profile is noticed when the catalog is listed, not when it is needed.
    public func all() throws(ProfileError) -> [DeviceProfile] {
        var profiles: [DeviceProfile] = []
        for stem in stems() { profiles.append(try load(stem)) }
        return profiles
    }

    private func display(_ url: URL) -> String {
        ProfileParser.displayPath(for: url, currentDirectory: currentDirectory)
    }
}
