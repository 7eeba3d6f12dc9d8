import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster on loopback, for tests that need a real warehouse.
///
/// `shared()` starts one server per test process, lazily, and every caller gets the same
/// one; each test makes its own database (`createDatabase`) so tests running in parallel
/// never see each other's rows. A test that takes the server down (`stop()`, `start()`)
/// gets a private one from `startNew()` instead, so it cannot break its neighbours.
///
/// The cluster lives in a temporary directory: `initdb -A trust`, the server listening only
/// on 127.0.0.1 at a free port with its unix socket in that directory, `fsync=off`. As root
/// (CI) initdb and the server run as the `postgres` system user, because both refuse root.
/// The server must not outlive the test process, even one that crashes: an `atexit` handler
/// stops every server this process started, and a detached watchdog shell does the same
/// when it sees the process gone (SIGKILL, a crash), so `make test` leaves no postgres.
///
/// Every call that waits on a child process runs on its own thread (`ProcessRunner`), never
/// on Swift's cooperative pool.
public final class PostgresServer: @unchecked Sendable {
    // @unchecked: the stored properties are immutable; `running` is only touched under `lock`.
    public let port: Int
    /// The temporary directory: the unix socket, the server log and `data/`.
    public let directory: String
    public var dataDirectory: String { directory + "/data" }
    public var logFile: String { directory + "/server.log" }
    let binaries: String
    private let lock = NSLock()
    private var running = false

    /// The server every test in this process shares, started on first use.
    public static func shared() async throws -> PostgresServer {
        try await Registry.instance.shared()
    }

    /// A new server of the caller's own, for a test that stops and restarts it.
    public static func startNew() async throws -> PostgresServer {
        try await ProcessRunner.offPool { try PostgresServer.make() }
    }

    /// A libpq-style URL of `database` as the `postgres` superuser, without TLS.
    public func url(database: String) -> String {
        "postgres://postgres@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    public var isRunning: Bool { lock.withLock { running } }

    /// Creates an empty database; `name` should be a plain identifier.
    public func createDatabase(_ name: String) async throws {
        _ = try await psql("CREATE DATABASE \"\(name)\"", database: "postgres")
    }

    /// A database with a fresh unique name (prefix plus a random suffix): its URL.
    public func makeDatabase(prefix: String = "t") async throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        try await createDatabase(name)
        return url(database: name)
    }

    /// Runs SQL with the `psql` client (`-At`, stop at the first error); returns its output.
    public func psql(_ sql: String, database: String) async throws -> String {
        let arguments = ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", url(database: database), "-c", sql]
        let result = try await ProcessRunner.offPool { [binaries] in try ProcessRunner.run(binaries + "/psql", arguments) }
        guard result.status == 0 else { throw ServerError(step: "psql", output: result.output) }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the server (fast shutdown: open connections are closed) and waits until it is down.
    public func stop() async throws {
        try await ProcessRunner.offPool { try self.stopNow(mode: "fast") }
    }

    /// Starts the server again on the same port and data directory.
    public func start() async throws {
        try await ProcessRunner.offPool { try self.startNow() }
    }

    /// `stop()` then `start()`.
    public func restart() async throws {
        try await stop()
        try await start()
    }

    // MARK: - Lifecycle (blocking; called off the cooperative pool)

    private init(binaries: String, directory: String, port: Int) {
        self.binaries = binaries
        self.directory = directory
        self.port = port
    }

    static func make() throws -> PostgresServer {
        let binaries = try findBinaries()
        let base = ProcessRunner.isRoot ? "/tmp" : FileManager.default.temporaryDirectory.path
        let directory = base + "/metergate-pg-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try ProcessRunner.giveToPostgresUser(directory)
        var lastError: (any Error)?
        // A free port can be taken between probing and binding: try another one.
        for _ in 0..<3 {
            let server = PostgresServer(binaries: binaries, directory: directory, port: try ProcessRunner.freePort())
            Registry.instance.register(server)
            do {
                try server.initialise()
                try server.startNow()
                return server
            } catch {
                lastError = error
                Registry.instance.unregister(server)
                try? server.stopNow(mode: "immediate")
            }
        }
        throw lastError ?? ServerError(step: "start", output: "")
    }

    /// initdb once, then the settings appended to postgresql.conf so a restart keeps them.
    private func initialise() throws {
        if !FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") {
            try asPostgres("initdb", ["-D", dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"])
        }
        let settings = """

            # metergate test server
            port = \(port)
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '\(directory)'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 200
            timezone = 'UTC'

            """
        let conf = FileHandle(forWritingAtPath: dataDirectory + "/postgresql.conf")
        try conf?.seekToEnd()
        try conf?.write(contentsOf: Data(settings.utf8))
        try conf?.close()
    }

    private func startNow() throws {
        try asPostgres("pg_ctl", ["-D", dataDirectory, "-l", logFile, "-w", "-t", "30", "start"])
        lock.withLock { running = true }
        Registry.instance.watch(self)
    }

    private func stopNow(mode: String) throws {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") else {
            lock.withLock { running = false }
            return
        }
        try asPostgres("pg_ctl", ["-D", dataDirectory, "-m", mode, "-w", "-t", "30", "stop"])
        lock.withLock { running = false }
    }

    /// What the exit handler does: SIGQUIT (immediate shutdown) to the postmaster, then the
    /// directory removed. Async-signal-unsafe calls are fine here: it runs from `atexit`.
    func killAndRemove() {
        if let pid = postmasterPID() {
            kill(pid, SIGQUIT)
            for _ in 0..<200 where kill(pid, 0) == 0 { usleep(10_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    func postmasterPID() -> pid_t? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
              let first = text.split(separator: "\n").first, let pid = pid_t(first) else { return nil }
        return pid
    }

    private func asPostgres(_ tool: String, _ arguments: [String]) throws {
        let result = try ProcessRunner.runAsPostgres(binaries + "/" + tool, arguments)
        guard result.status == 0 else {
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            throw ServerError(step: tool, output: result.output + (log.isEmpty ? "" : "\nserver log:\n" + log))
        }
    }

    /// The newest `/usr/lib/postgresql/<version>/bin` that has both `initdb` and `postgres`.
    static func findBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let usable = versions.filter {
            FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb")
                && FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/postgres")
        }
        guard let newest = usable.max(by: { (Double($0) ?? 0) < (Double($1) ?? 0) }) else {
            throw ServerError(step: "find", output: "no PostgreSQL server binaries in \(root)/*/bin (scripts/ensure-deps.sh installs them)")
        }
        return "\(root)/\(newest)/bin"
    }

    public struct ServerError: Error, CustomStringConvertible {
        public var step: String
        public var output: String
        public var description: String { "test PostgreSQL server: \(step) failed: \(output)" }
    }
}
