import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `billing-receiver` child process on a free loopback port.
public final class BillingReceiver: @unchecked Sendable {
    public let process: ChildProcess
    /// Where billing documents are POSTed.
    public let url: String
    public let port: Int

    /// - Parameter arguments: `--reject-meter M`, `--fail-first N`, `--log FILE`.
    public init(_ arguments: [String] = []) throws {
        let (process, log) = try ChildProcess.start(Binaries.billingReceiver, ["--port", "0"] + arguments, readyMarker: "listening on")
        self.process = process
        let text = try String(contentsOfFile: log, encoding: .utf8)
        guard let port = text.split(separator: ":").last.flatMap({ Int($0.prefix { $0.isNumber }) }) else {
            throw ReceiverError(output: text)
        }
        self.port = port
        url = "http://127.0.0.1:\(port)/determinants"
    }

    deinit { _ = process.terminate(grace: 1) }

    /// `GET /applied`: the keys applied once each, and how many arrived again.
    public func applied() async throws -> (keys: [String], duplicates: Int, requests: Int) {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/applied")!)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (object["keys"] as? [String] ?? [], object["duplicates"] as? Int ?? -1, object["requests"] as? Int ?? -1)
    }
}

public struct ReceiverError: Error, CustomStringConvertible {
    public var output: String
    public var description: String { "billing-receiver printed no port: \(output)" }
}
