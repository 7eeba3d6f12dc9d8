import Foundation
import Testing
import TestSupport

/// A property-based run of the API against its own OpenAPI document: schemathesis (from
/// PyPI, installed by scripts/ensure-deps.sh) generates valid and invalid requests for
/// every operation and checks that no response is a 5xx and every response matches the
/// documented status codes, media types, headers and schemas. A missing schemathesis
/// fails the tests rather than skipping them.
@Suite(.serialized)
struct SchemathesisTests {
    static let checks = ["not_a_server_error", "status_code_conformance", "content_type_conformance",
                         "response_headers_conformance", "response_schema_conformance"]

    @Test(.timeLimit(.minutes(10)))
    func theAPIConformsToItsOpenAPIDocumentWithNoServerErrors() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let (status, log) = try await Self.run(api, checks: Self.checks)
        #expect(status == 0, "schemathesis found problems:\n\(log.suffix(6000))")
        #expect(log.contains("Tested: 21\n"), "schemathesis did not test every operation:\n\(log.suffix(2000))")
    }

    /// Runs schemathesis against the fixture with the technician's token (every operation
    /// reachable); returns its exit status and output.
    static func run(_ api: APIFixture, checks: [String]) async throws -> (Int32, String) {
        let executable = try #require(Self.schemathesis(), "schemathesis is not installed; run scripts/ensure-deps.sh")
        let output = api.directory.appendingPathComponent("schemathesis-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // schemathesis keeps a cache in its working directory: the fixture's, not the repository.
        process.currentDirectoryURL = api.directory
        process.arguments = [
            // The document from the repository (EndpointTests proves /openapi.yaml serves it
            // verbatim); so GET /openapi.yaml is one of the operations tested too.
            "run", Repository.root.appendingPathComponent("docs/openapi.yaml").path, "--url", api.baseURL,
            "-H", "Authorization: Bearer \(api.tokens["technician"]!)",
            "--checks", checks.joined(separator: ","), "--phases", "examples,coverage,fuzzing",
            "--max-examples", "25", "--seed", "7", "--request-timeout", "60", "--no-color",
        ]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        await withCheckedContinuation { continuation in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { process.terminationHandler = nil; continuation.resume() }
        }
        return (process.isRunning ? -1 : process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    /// schemathesis on PATH (pip's script directories included).
    static func schemathesis() -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/local/bin:\(NSHomeDirectory())/.local/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/schemathesis"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
