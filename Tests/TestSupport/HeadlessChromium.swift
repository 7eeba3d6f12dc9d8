import Foundation

/// Debian's Chromium in headless mode (`scripts/ensure-deps.sh` installs it): a real browser
/// that loads a page over HTTP, lays it out with real fonts and reports what it built.
///
/// Every run gets a fresh profile directory, so runs in parallel never hand their work to one
/// another's browser process, and is killed after `timeout` seconds.
public enum HeadlessChromium {
    /// The browser's path, nil when it is not installed.
    public static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Loads `url` in a window of `width` x `height` CSS pixels and saves a PNG of it to `path`.
    ///
    /// - Throws: `BrowserError` when the browser is missing, fails or writes no file.
    public static func screenshot(url: String, to path: String, width: Int, height: Int, timeout: Int = 60) async throws {
        try? FileManager.default.removeItem(atPath: path)
        let result = try await run(["--screenshot=\(path)", "--window-size=\(width),\(height)", "--hide-scrollbars", url], timeout: timeout)
        guard result.status == 0, FileManager.default.fileExists(atPath: path) else {
            throw BrowserError(what: "screenshot of \(url)", status: result.status, log: result.log)
        }
    }

    /// Loads `url` and returns the DOM as the browser built it, serialised as HTML.
    ///
    /// - Throws: `BrowserError` when the browser is missing or fails.
    public static func dumpDOM(url: String, timeout: Int = 60) async throws -> String {
        let result = try await run(["--dump-dom", url], timeout: timeout)
        guard result.status == 0, result.stdout.contains("</html>") else {
            throw BrowserError(what: "DOM of \(url)", status: result.status, log: result.log)
        }
        return result.stdout
    }

    /// Runs the browser with `arguments` under `timeout(1)`, stdout and stderr apart (its
    /// stderr carries D-Bus complaints that must not end up in a dumped DOM), on a thread of
    /// its own so the wait never occupies one of Swift's few pool threads.
    private static func run(_ arguments: [String], timeout: Int) async throws -> (status: Int32, stdout: String, log: String) {
        guard let chromium = executable else {
            throw BrowserError(what: "chromium", status: -1, log: "not installed (scripts/ensure-deps.sh installs Debian's chromium)")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout").path, err = scratch.appendingPathComponent("stderr").path
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--user-data-dir=\(scratch.appendingPathComponent("profile").path)"]
        let command = ["/usr/bin/timeout", "--kill-after=5", String(timeout), chromium] + flags + arguments
        let status = try await ProcessRunner.offPool {
            try ChildProcess.run("/bin/sh", ["-c", "exec \"$@\" >'\(out)' 2>'\(err)'", "sh"] + command, timeout: TimeInterval(timeout + 10)).status
        }
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    public struct BrowserError: Error, CustomStringConvertible {
        public var what: String
        public var status: Int32
        public var log: String
        public var description: String { "chromium failed (\(what), exit \(status)): \(log.suffix(2000))" }
    }
}
