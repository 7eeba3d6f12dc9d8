import Foundation
import Logging
import PostgresNIO

/// The gateway's side of the load-research warehouse: one PostgreSQL connection that
/// migrates the schema, keeps meter metadata current and bulk-loads interval revisions.
///
/// Calls run one at a time, in arrival order (a FIFO gate, not just actor isolation: a
/// load's transaction spans many awaits and must not interleave with another call on the
/// same connection). The connection opens on first use; after a failure that says the
/// warehouse is unavailable it is dropped, and the next call connects afresh, so one
/// loader outlives warehouse restarts and network outages. All I/O is postgres-nio's
/// non-blocking channel; nothing here blocks a thread.
public actor WarehouseLoader {
    public nonisolated let endpoint: WarehouseEndpoint
    let logger: Logger
    private var connection: PostgresConnection?
    private var connectionCount = 0
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// A loader that connects on first use.
    public init(endpoint: WarehouseEndpoint, logger: Logger = Logger(label: "metergate.warehouse")) {
        self.endpoint = endpoint
        self.logger = logger
    }

    /// A loader dropped without `close()` still closes its connection; the callback holds the
    /// connection until the channel is down (postgres-nio asserts it is closed when it goes).
    deinit {
        guard let connection else { return }
        connection.close().whenComplete { _ in _ = connection }
    }

    /// A loader whose connection is already open.
    /// - Throws: `WarehouseError.unavailable` when the server cannot be reached.
    public static func connect(to endpoint: WarehouseEndpoint, logger: Logger = Logger(label: "metergate.warehouse"))
        async throws(WarehouseError) -> WarehouseLoader
    {
        let loader = WarehouseLoader(endpoint: endpoint, logger: logger)
        try await loader.exclusive { _ in }
        return loader
    }

    /// Creates or completes the schema (`WarehouseSchema`); safe to call at every start and
    /// from several gateways at once (the migrations run under an advisory transaction lock).
    /// - Returns: The names of the migrations this call applied (empty when none were due).
    @discardableResult
    public func migrate() async throws(WarehouseError) -> [String] {
        try await exclusive { connection in
            try await self.transaction(on: connection) {
                try await connection.query("SELECT pg_advisory_xact_lock(\(WarehouseSchema.lockKey))", logger: self.logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS schema_migration (
                        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                    """, logger: self.logger)
                var applied = Set<String>()
                for try await name in try await connection.query("SELECT name FROM schema_migration", logger: self.logger).decode(String.self) {
                    applied.insert(name)
                }
                var done: [String] = []
                for migration in WarehouseSchema.migrations where !applied.contains(migration.name) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                    }
                    try await connection.query("INSERT INTO schema_migration (name) VALUES (\(migration.name))", logger: self.logger)
                    done.append(migration.name)
                }
                return done
            }
        }
    }

    /// Inserts meters, or updates the metadata of those already there (`updated_at` moves
    /// only when something changed). One transaction.
    public func upsertMeters(_ meters: [WarehouseMeter]) async throws(WarehouseError) {
        guard !meters.isEmpty else { return }
        try await exclusive { connection in
            try await self.transaction(on: connection) {
                // 10 binds a row: chunks stay far below the protocol's 65535 binds.
                for start in stride(from: 0, to: meters.count, by: 1000) {
                    let query = WarehouseLoader.meterUpsert(meters[start..<min(start + 1000, meters.count)])
                    try await connection.query(query, logger: self.logger)
                }
            }
        }
    }

    /// Loads interval revisions and records that `gatewayID` has delivered everything
    /// through `throughSeq`, all in one transaction: the month partitions the rows need are
    /// created, the rows are COPYed into the session's staging table and inserted from there
    /// with `ON CONFLICT DO NOTHING`. Re-loading a batch (after a lost acknowledgement) adds
    /// nothing. `gateway_load` never moves backwards (`GREATEST`).
    /// - Throws: `WarehouseError.rejected` when the server refuses the data (nothing of the
    ///   batch is kept); `.unavailable` when it should be retried later.
    public func load(_ rows: [WarehouseInterval], gatewayID: String, throughSeq: Int64) async throws(WarehouseError) {
        let months = Set(rows.map { WarehouseSchema.Month(containing: $0.start) }).sorted()
        try await exclusive { connection in
            try await self.transaction(on: connection) {
                try await self.ensurePartitions(months, on: connection)
                if !rows.isEmpty {
                    try await connection.copyFrom(table: "interval_staging", columns: WarehouseSchema.stagingColumns, logger: self.logger) { writer in
                        try await IntervalCopyEncoder.write(rows, to: writer)
                    }
                    var binds = PostgresBindings()
                    binds.append(gatewayID)
                    try await connection.query(PostgresQuery(unsafeSQL: WarehouseSchema.insertFromStaging, binds: binds), logger: self.logger)
                }
                try await connection.query("""
                    INSERT INTO gateway_load (gateway_id, loaded_through_seq, loaded_at) VALUES (\(gatewayID), \(throughSeq), now())
                    ON CONFLICT (gateway_id) DO UPDATE SET
                        loaded_through_seq = GREATEST(gateway_load.loaded_through_seq, EXCLUDED.loaded_through_seq),
                        loaded_at = EXCLUDED.loaded_at
                    """, logger: self.logger)
            }
        }
    }

    /// The highest `seq` the warehouse has committed for the gateway; nil before its first load.
    public func loadedThrough(gatewayID: String) async throws(WarehouseError) -> Int64? {
        try await exclusive { connection in
            let rows = try await connection.query(
                "SELECT loaded_through_seq FROM gateway_load WHERE gateway_id = \(gatewayID)", logger: self.logger)
            for try await seq in rows.decode(Int64.self) { return seq }
            return nil
        }
    }

    /// Closes the connection. A later call opens a new one.
    public func close() async {
        await acquire()
        defer { release() }
        await dropConnection()
    }

    // MARK: - Connection and transactions

    /// Runs `body` alone on the open connection (connecting first if needed); maps every
    /// failure to a `WarehouseError`, dropping the connection when it says `unavailable`.
    func exclusive<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws(WarehouseError) -> T {
        await acquire()
        defer { release() }
        do {
            return try await body(try await openConnection())
        } catch {
            let failure = WarehouseError(error)
            if case .unavailable = failure {
                logger.warning("warehouse unavailable, reconnecting on next use", metadata: ["error": "\(failure.reason)"])
                await dropConnection()
            }
            throw failure
        }
    }

    /// BEGIN, `body`, COMMIT; ROLLBACK when `body` fails (its error is the one thrown).
    func transaction<T: Sendable>(on connection: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let result = try await body()
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func openConnection() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        await dropConnection()  // a closed connection must still be closed before it goes
        var configuration = PostgresConnection.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.user, password: endpoint.password,
            database: endpoint.database, tls: try tls())
        configuration.options.connectTimeout = .seconds(10)
        connectionCount += 1
        let opened = try await PostgresConnection.connect(configuration: configuration, id: connectionCount, logger: logger)
        do {
            try await opened.query(PostgresQuery(unsafeSQL: WarehouseSchema.createStaging), logger: logger)
        } catch {
            try? await opened.close()
            throw error
        }
        connection = opened
        return opened
    }

    private func dropConnection() async {
        guard let connection else { return }
        self.connection = nil
        try? await connection.close()
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        switch endpoint.tls {
        case .disable:
            return .disable
        case .require:
            // libpq's `require`: encrypted, the certificate not verified.
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: configuration))
        }
    }

    /// A FIFO gate: at most one call uses the connection; the rest wait their turn.
    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}
