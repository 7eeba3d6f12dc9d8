import DeviceProfiles
import Foundation
import GatewayConfig
import Testing
import TestSupport

/// Parses configuration text as `gateway.yaml` in the repository root, so that `devices:
/// devices` finds the shipped profiles and relative paths resolve under the root.
func parse(_ yaml: String) throws -> GatewayConfiguration {
    try GatewayConfiguration.parse(yaml: yaml, file: "gateway.yaml", baseDirectory: Repository.root.path)
}

/// The one-line error `yaml` must produce, or nil (with a recorded issue) when it loads.
func parseError(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    do {
        let configuration = try parse(yaml)
        Issue.record("expected an error, got \(configuration.meters.count) meters", sourceLocation: sourceLocation)
        return nil
    } catch {
        return "\(error)"
    }
}

/// A valid start whose line numbers tests rely on: 1 gateway, 2 store, 3 devices, 4 `buses:`,
/// 5 bus tcp-a, 6-7 bus rs485-1; `meters:` follows on line 8.
let header = """
    gateway: { id: gw-test }
    store: { path: data/store.sqlite }
    devices: devices
    buses:
      - { id: tcp-a, tcp: "127.0.0.1:1502" }
      - id: rs485-1
        rtu: { device: /dev/ttyUSB0 }

    """

/// `header` plus a `meters:` list (line 8) whose entries start on line 9.
func withMeters(_ entries: String) -> String {
    header + "meters:\n" + entries
}

/// A throw-away directory for configuration files and profiles.
struct ScratchDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-config-\(UUID().uuidString)", isDirectory: true)
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` (which may contain folders) and returns its absolute path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// How the configuration names a file in messages: as `ProfileParser.displayPath` does.
func display(_ path: String) -> String {
    ProfileParser.displayPath(for: URL(fileURLWithPath: path))
}
