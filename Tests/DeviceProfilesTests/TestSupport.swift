import DeviceProfiles
import Foundation
import MeterKit
import Testing

/// The repository's `devices/` folder, found from this file's location.
///
/// `#filePath` may go through a symlinked checkout (a scratch package whose test folder
/// links into the repository), so the path is resolved first and the walk tries both the
/// resolved and the literal path, looking for the folder that holds `sdm630.yaml`.
enum Repository {
    static let devices: URL = {
        let literal = URL(fileURLWithPath: #filePath)
        for start in [literal.resolvingSymlinksInPath(), literal] {
            var directory = start.deletingLastPathComponent()
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("devices")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("sdm630.yaml").path) {
                    return candidate.standardizedFileURL
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        // ../../devices relative to this file, for a clear failure if it is missing.
        return literal.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("devices")
    }()

    static var root: URL { devices.deletingLastPathComponent() }

    static func profile(_ stem: String) throws -> DeviceProfile {
        try ProfileCatalog(directory: devices.path, environment: [:], executablePath: nil).load(stem)
    }
}

/// A throw-away folder laid out like a checkout: `root/devices/<stem>.yaml`.
struct Scratch {
    let root: URL
    var devices: URL { root.appendingPathComponent("devices") }

    init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("profiles-\(UUID().uuidString)", isDirectory: true)
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: devices, withIntermediateDirectories: true)
        for (stem, text) in files { try write(stem, text) }
    }

    func write(_ stem: String, _ text: String) throws {
        try text.write(to: devices.appendingPathComponent(stem + ".yaml"), atomically: true, encoding: .utf8)
    }

    /// A catalog that sees only this folder and shows paths relative to `root`.
    var catalog: ProfileCatalog {
        ProfileCatalog(directory: devices.path, environment: [:], currentDirectory: root.path, executablePath: nil)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Loads `yaml` as `devices/bad.yaml` and returns the error it must produce.
func loadError(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProfileError? {
    let scratch = try Scratch(["bad": yaml])
    defer { scratch.remove() }
    do {
        let profile = try scratch.catalog.load("bad")
        Issue.record("expected an error, loaded \(profile.points.count) points", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Checks that `yaml` fails with a one-line message at `line` and `keyPath` of
/// `devices/bad.yaml` whose text contains every fragment.
func expectError(_ yaml: String, line: Int?, keyPath: String, contains fragments: [String],
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard let error = try loadError(yaml, sourceLocation: sourceLocation) else { return }
    let location = line.map { ":\($0)" } ?? ""
    let prefix = "devices/bad.yaml\(location): " + (keyPath.isEmpty ? "" : keyPath + ": ")
    let text = error.description
    #expect(text.hasPrefix(prefix), "\(text)", sourceLocation: sourceLocation)
    #expect(!text.contains("\n"), "\(text)", sourceLocation: sourceLocation)
    #expect(error.file == "devices/bad.yaml", sourceLocation: sourceLocation)
    #expect(error.line == line, "\(text)", sourceLocation: sourceLocation)
    #expect(error.keyPath == keyPath, "\(text)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(text.contains(fragment), "'\(fragment)' missing from: \(text)", sourceLocation: sourceLocation)
    }
}

/// A valid minimal profile; tests append or swap lines to break it. Lines:
/// 1 manufacturer, 2 model, 3 defaults, 4 `points:`, 5 voltage.l1, 6 energy.import.total.
let minimalProfile = """
    manufacturer: Test
    model: T1
    defaults: { kind: input, type: float32 }
    points:
      voltage.l1: { address: 0x0000, unit: V }
      energy.import.total: { address: 0x0048, unit: kWh }

    """
