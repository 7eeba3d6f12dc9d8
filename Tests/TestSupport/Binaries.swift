import Foundation

/// The products built next to the running test bundle (`swift build` puts them together).
public enum Binaries {
    public static var directory: URL {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test runner may live inside a .xctest bundle directory.
        while dir.pathExtension == "xctest" || dir.lastPathComponent == "Contents" || dir.lastPathComponent == "MacOS" {
            dir.deleteLastPathComponent()
        }
        return dir
    }

    public static var metergate: String { directory.appendingPathComponent("metergate").path }
    public static var meterSim: String { directory.appendingPathComponent("meter-sim").path }
    public static var billingReceiver: String { directory.appendingPathComponent("billing-receiver").path }
}

/// The result of running a command to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var output: String
    public var lines: [String] { output.split(separator: "\n").map(String.init) }

    /// The JSON object a command printed last: stdout and stderr share the capture, and
    /// progress lines on stderr come before the result.
    public func jsonObject() -> [String: Any]? {
        guard let start = output.range(of: "\n{")?.lowerBound ?? (output.hasPrefix("{") ? output.startIndex : nil) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(output[start...].utf8)) as? [String: Any]
    }
}

extension ChildProcess {
    /// Runs a command to completion (killing it after `timeout` seconds) and captures stdout and stderr.
    public static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 30) throws -> CommandResult {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-cmd-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let child = try ChildProcess(executable, arguments, outputPath: out)
        let deadline = Date().addingTimeInterval(timeout)
        while child.isRunning && Date() < deadline { usleep(10_000) }
        let status = child.terminate(grace: 1)
        let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        // Decode the wait status: exit code when exited normally, 128+signal otherwise.
        let code: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return CommandResult(status: code, output: output)
    }

    /// Starts a long-running command and waits until its output contains `readyMarker`.
    public static func start(_ executable: String, _ arguments: [String], readyMarker: String, timeout: TimeInterval = 15) throws -> (ChildProcess, String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-srv-\(UUID().uuidString).log").path
        let child = try ChildProcess(executable, arguments, outputPath: out)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if text.contains(readyMarker) { return (child, out) }
            guard child.isRunning else { throw StartError(output: text) }
            usleep(20_000)
        }
        child.terminate()
        throw StartError(output: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    public struct StartError: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "process did not become ready: \(output)" }
    }
}
