import Foundation
import GatewayConfig
import Testing

/// Problems with the file as a whole: missing, unreadable, empty, not YAML, not a mapping.
@Suite("Gateway configuration: file errors")
struct FileErrorTests {
    @Test("a missing file, a directory and non-UTF-8 text are one-line errors naming the file")
    func unreadableFiles() throws {
        #expect(throws: ConfigurationError(file: "/nonexistent/gateway.yaml", message: "no such file")) {
            try GatewayConfiguration.load(path: "/nonexistent/gateway.yaml")
        }
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        #expect(throws: ConfigurationError(file: display(scratch.path), message: "is a directory, not a configuration file")) {
            try GatewayConfiguration.load(path: scratch.path)
        }
        let latin1 = scratch.url.appendingPathComponent("latin1.yaml")
        try Data([0x67, 0x61, 0x74, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: latin1)
        #expect(throws: ConfigurationError(file: display(latin1.path), message: "the file is not UTF-8 text")) {
            try GatewayConfiguration.load(path: latin1.path)
        }
    }

    @Test("an empty file or one of comments only says what a configuration needs")
    func emptyFile() {
        let expected = "gateway.yaml: the file is empty; a configuration needs at least gateway, store, buses and meters"
        #expect(parseError("") == expected)
        #expect(parseError("# nothing yet\n\n") == expected)
    }

    @Test("YAML syntax errors, duplicate keys and a non-mapping root point at their line")
    func yamlProblems() {
        #expect(parseError("gateway: { id: gw-1 }\nstore: [path\n")?.hasPrefix("gateway.yaml:3: YAML syntax error: ") == true)
        #expect(parseError("gateway: { id: gw-1 }\nstore: { path: a }\ngateway: { id: gw-2 }\n")
            == "gateway.yaml:3: gateway: duplicate key 'gateway' (first defined on line 1)")
        #expect(parseError("- gateway\n- store\n") == "gateway.yaml:1: expected a mapping, got a list")
    }
}
