import CSQLiteSettings
import Foundation
import GRDB

/// The gateway's durable store: one SQLite file in WAL mode behind one GRDB `DatabasePool`.
///
/// Writes are serialised (one writer connection; across processes SQLite's write lock, with
/// a busy timeout); reads run concurrently on snapshots, so a status query or a per-meter
/// report never waits for a poll cycle to commit. Open one `MeterStore` per file for the
/// life of the process. Every method blocks the calling thread on SQLite: call it from a
/// thread that may block (the poller's bus thread, a detached task), not from an actor that
/// must stay responsive.
///
/// Sendable: `path` is immutable and `DatabasePool` is itself safe to share between threads.
public final class MeterStore: Sendable {
    /// The store file (the WAL and shared-memory files sit beside it).
    public let path: String
    let pool: DatabasePool

    /// Opens the store at `path`, creating its directory and file if needed, switching it to
    /// WAL and running the migrations not yet applied.
    ///
    /// - Throws: `StoreError` when the directory or file cannot be created or opened, the file
    ///   is not a SQLite database, or a migration fails.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: Self.configuration)
            // synchronous=FULL on the writer (the only connection that commits): a commit is on
            // disk before `commit` returns, so a power cut, which in the field often takes the
            // gateway down with the meters, loses no acknowledged cycle. GRDB sets NORMAL when it
            // enables WAL, after `prepareDatabase`, hence here. It costs one WAL fsync a cycle.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw StoreError(path: path, operation: "open", error: error)
        }
    }

    /// Applies SQLite's process-wide settings: multi-thread mode, the one GRDB supports (it
    /// never uses a connection from two threads at once, so SQLite's per-call mutexes only
    /// cost), and no memory statistics (a global mutex on every allocation). Together they
    /// were a tenth of the store writer's CPU time in the collector benchmark
    /// (docs/performance.md, "Collector").
    ///
    /// Call it first thing in a process's main, before any thread touches SQLite:
    /// `sqlite3_config` is not safe against a concurrent first open. Returns false, and
    /// changes nothing, when SQLite was already in use.
    @discardableResult
    public static func applyProcessSettings() -> Bool {
        metergate_sqlite_configure() == 0
    }

    /// Connection settings shared by the writer and the readers.
    static var configuration: Configuration {
        var config = Configuration()
        config.label = "metergate-store"
        config.foreignKeysEnabled = true
        // Another process (a CLI query, a second gateway by mistake) may hold the write lock
        // or run a checkpoint: wait for it rather than fail a poll cycle.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // A large prune can grow the WAL; give the space back after the next checkpoint.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            // Readers scan ranges once (the interval engine's windows, a status query): a
            // small page cache each keeps the gateway in its memory budget, where SQLite's
            // default 2 MB per connection would add up (docs/performance.md, "Collector").
            if db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -256") }
        }
        return config
    }

    /// Checks the whole file: SQLite's `integrity_check`, then foreign keys.
    ///
    /// - Returns: `["ok"]` when both are clean, otherwise one line per problem.
    /// - Throws: `StoreError` when the check cannot run.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read("integrity check") { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0], rowid: Int64? = row[1], parent: String = row[2]
                problems.append("foreign key: \(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent)")
            }
            return problems.isEmpty ? ["ok"] : problems
        }
    }

    /// The names of the migrations applied to this file, in order.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read("list migrations") { db in try StoreSchema.migrator.appliedMigrations(db) }
    }

    /// Copies the WAL into the database file (as far as no reader holds it back) and closes
    /// every connection. The store must not be used afterwards; closing again does nothing.
    ///
    /// The checkpoint makes the `.sqlite` file whole on its own, so a copy of it alone (a
    /// technician's backup) has every committed cycle. SQLite would do it when the last
    /// connection closes, but GRDB's readers are read-only and may close last.
    ///
    /// - Throws: `StoreError` when a connection cannot be closed (a statement still runs).
    public func close() throws(StoreError) {
        do {
            // Best effort (a reader in another process may hold frames back); skipped when the
            // store is already closed, as GRDB then has no connection to checkpoint with.
            _ = try? pool.writeWithoutTransaction { db in
                if db.sqliteConnection != nil { try db.checkpoint(.passive) }
            }
            try pool.close()
        } catch {
            throw StoreError(path: path, operation: "close", error: error)
        }
    }

    // MARK: - One place where GRDB errors become StoreError

    /// Runs `body` in one write transaction; any error rolls it back and becomes a `StoreError`.
    func write<T>(_ operation: @autoclosure () -> String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError(path: path, operation: operation(), error: error) }
    }

    /// The same, suspending the caller instead of blocking its thread while GRDB's writer
    /// queue runs the transaction: a poller on the cooperative pool never parks a pool
    /// thread on SQLite's fsync.
    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.write(body) } catch { throw StoreError(path: path, operation: operation, error: error) }
    }

    /// Runs `body` on a reader snapshot (concurrent with the writer).
    func read<T>(_ operation: @autoclosure () -> String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError(path: path, operation: operation(), error: error) }
    }
}

extension MeterStore {
    /// Every row of a read-only query with each column as text (NULL as "NULL"): for tests
    /// and diagnostics that look at the schema or at a query plan.
    func diagnosticRows(_ sql: String) throws(StoreError) -> [[String]] {
        try read("diagnostic query") { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in value.isNull ? "NULL" : (String.fromDatabaseValue(value) ?? value.description) }
            }
        }
    }
}
