import Foundation
import Headend
import Store
import Testing
import TestSupport

/// `metergate token add|list|revoke` on a gateway's store: the token is printed once, the
/// store and the list never show it.
@Suite(.serialized)
struct TokenCommandTests {
    @Test func addPrintsTheTokenOnceListNeverShowsItAndRevokeMarksIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("gateway.yaml").path
        try """
        gateway: { id: tokens }
        store: { path: store.sqlite }
        buses:
          - { id: a, tcp: "127.0.0.1:1502" }
        meters:
          - { id: m1, bus: a, unit: 1, profile: sdm630 }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let added = try ChildProcess.run(Binaries.metergate, ["token", "add", "--config", config, "--name", "grafana", "--role", "reader"])
        #expect(added.status == 0, "\(added.output)")
        let token = try #require(added.lines.first { $0.hasPrefix("mgt_") })
        #expect(token.count == 68)

        let list = try ChildProcess.run(Binaries.metergate, ["token", "list", "--config", config])
        #expect(list.lines.first == "name     role    created               revoked")
        #expect(list.lines.count == 2 && list.lines[1].hasPrefix("grafana  reader  ") && list.lines[1].hasSuffix("  -"))
        #expect(!list.output.contains(token))
        let raw = try Data(contentsOf: folder.appendingPathComponent("store.sqlite"))
        #expect(raw.range(of: Data(token.utf8)) == nil, "the store file holds the token in clear")

        let twice = try ChildProcess.run(Binaries.metergate, ["token", "add", "--config", config, "--name", "grafana", "--role", "operator"])
        #expect(twice.status == 2 && twice.output.contains("a token named grafana exists already"))
        let badRole = try ChildProcess.run(Binaries.metergate, ["token", "add", "--config", config, "--name", "x", "--role", "admin"])
        #expect(badRole.status != 0 && badRole.output.contains("--role admin: expected reader, operator or technician"))

        let revoked = try ChildProcess.run(Binaries.metergate, ["token", "revoke", "--config", config, "--name", "grafana"])
        #expect(revoked.status == 0 && revoked.lines == ["token grafana revoked"])
        let store = try MeterStore(path: folder.appendingPathComponent("store.sqlite").path)
        defer { try? store.close() }
        #expect(try store.token(sha256: APIToken.hash(token))?.revokedAt != nil)
        let unknown = try ChildProcess.run(Binaries.metergate, ["token", "revoke", "--config", config, "--name", "nobody"])
        #expect(unknown.status == 2 && unknown.lines == ["metergate: --name nobody: no such token"])
    }
}
