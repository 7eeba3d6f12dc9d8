import GRDB
import GRDBSQLite

extension MeterStore {
    /// Writes everything of one bus cycle in one transaction: its register reads, recorded
    /// intervals, meter states, events and statistics. Either all of it becomes visible or,
    /// on any error, none of it.
    ///
    /// Committing a cycle again is harmless: a (bucket, meter, channel) read, an
    /// (interval start, meter) interval, a (meter, instant, kind) event and a (bucket, bus)
    /// statistics row are kept from the first commit; meter states are replaced (they are
    /// the current state, written whole).
    ///
    /// Reads are inserted in (meter, channel) order, the table's key order within a bucket,
    /// so the whole cycle appends to the right edge of the B-tree.
    ///
    /// - Throws: `StoreError` when a read's bucket is not the cycle's, a row refers to an
    ///   unknown meter or channel, breaks a CHECK, or the disk fails; nothing is stored then.
    public func commit(_ cycle: BusCycleRecord) throws(StoreError) {
        let (operation, reads, intervals) = try prepare(cycle)
        try write(operation) { db in try Self.insert(cycle, reads: reads, intervals: intervals, db) }
    }

    /// `commit(_:)` from a task: suspends rather than blocking the caller's thread.
    public func commit(_ cycle: BusCycleRecord) async throws(StoreError) {
        let (operation, reads, intervals) = try prepare(cycle)
        try await write(operation) { db in try Self.insert(cycle, reads: reads, intervals: intervals, db) }
    }

    /// Checks the cycle and puts its rows in key order.
    private func prepare(_ cycle: BusCycleRecord) throws(StoreError) -> (String, [RegisterReadRow], [RecordedIntervalRow]) {
        let operation = "commit of bus \(cycle.bus) cycle \(cycle.bucket.storeDescription)"
        let bucket = cycle.bucket.unixMillis
        if let stray = cycle.reads.first(where: { $0.bucket.unixMillis != bucket }) {
            throw StoreError(path: path, operation: operation,
                             reason: "read of meter \(stray.meterID) channel \(stray.channelID) has bucket \(stray.bucket.storeDescription), not the cycle's")
        }
        return (operation, Self.inKeyOrder(cycle.reads), cycle.intervals.sorted { ($0.start, $0.meterID) < ($1.start, $1.meterID) })
    }

    private static func insert(_ cycle: BusCycleRecord, reads: [RegisterReadRow], intervals: [RecordedIntervalRow], _ db: Database) throws {
        let bucket = cycle.bucket.unixMillis
        try insertReads(reads, bucket: bucket, db)
        try insertIntervals(intervals, db)
        try replaceStates(cycle.states, statistics: cycle.statistics, db)
        try insertEvents(cycle.events, db)
        // Cached like every statement of the commit: preparing it anew each cycle was 1 % of
        // the collector's CPU.
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO bus_cycle (bucket, bus, started_at, finished_at, requests, retries, failures, reads)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [bucket, cycle.bus, cycle.startedAt.unixMillis, cycle.finishedAt.unixMillis,
                                     cycle.requests, cycle.retries, cycle.failures, reads.count])
    }

    /// The reads sorted by (meter, channel); the common case, already sorted, costs one pass.
    static func inKeyOrder(_ reads: [RegisterReadRow]) -> [RegisterReadRow] {
        func precedes(_ a: RegisterReadRow, _ b: RegisterReadRow) -> Bool {
            a.meterID != b.meterID ? a.meterID < b.meterID : a.channelID < b.channelID
        }
        let sorted = zip(reads, reads.dropFirst()).allSatisfy { !precedes($1, $0) }
        return sorted ? reads : reads.sorted(by: precedes)
    }

    /// The hot loop of the write path: thousands of rows a cycle. It binds and steps the
    /// cached statements through the sqlite3 API, because GRDB's per-execution bookkeeping
    /// (argument arrays of existentials, queue checks, observation hooks) cost more than
    /// SQLite's own insert (see docs/performance.md, "Store"). The statement is still GRDB's
    /// (prepared, cached and finalized by it) and runs inside GRDB's transaction; what this
    /// skips is GRDB's per-statement change tracking, which nothing in the store uses.
    private static func insertReads(_ reads: [RegisterReadRow], bucket: Int64, _ db: Database) throws {
        // Rows go in statements of `readsPerStatement` rows, the rest in statements of falling
        // powers of two: SQLite's cost per statement (step, halt, reset) is then paid once per
        // 64 rows instead of per row, which took a tenth off the collector's CPU a poll, and a
        // cycle of any size takes at most six statements more (docs/performance.md, "Collector").
        var next = reads.startIndex
        var rows = readsPerStatement
        while next < reads.endIndex {
            while reads.endIndex - next < rows { rows /= 2 }
            let statement = try db.cachedStatement(sql: insertReadsSQL[rows.trailingZeroBitCount])
            try bindAndStep(statement, reads[next..<next + rows], bucket: bucket, db)
            next += rows
        }
    }

    static let readsPerStatement = 64

    /// The insert of 1, 2, 4 … `readsPerStatement` rows, by the power of two.
    private static let insertReadsSQL = (0...readsPerStatement.trailingZeroBitCount).map { power in
        "INSERT OR IGNORE INTO register_read (bucket, meter_id, channel_id, gateway_time, meter_time, value, status) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: 1 << power).joined(separator: ", ")
    }

    /// Binds `reads` (as many as the statement has rows) and runs the statement once.
    private static func bindAndStep(_ insert: Statement, _ reads: ArraySlice<RegisterReadRow>, bucket: Int64, _ db: Database) throws {
        let statement = insert.sqliteStatement
        sqlite3_reset(statement)
        var column: Int32 = 0
        for read in reads {
            sqlite3_bind_int64(statement, column + 1, bucket)
            sqlite3_bind_int64(statement, column + 2, read.meterID)
            sqlite3_bind_int64(statement, column + 3, read.channelID)
            sqlite3_bind_int64(statement, column + 4, read.gatewayTime.unixMillis)
            if let meterTime = read.meterTime { sqlite3_bind_int64(statement, column + 5, meterTime.unixMillis) } else { sqlite3_bind_null(statement, column + 5) }
            if let value = read.value { sqlite3_bind_double(statement, column + 6, value) } else { sqlite3_bind_null(statement, column + 6) }
            sqlite3_bind_int64(statement, column + 7, Int64(read.status.rawValue))
            column += 7
        }
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                                message: db.lastErrorMessage, sql: insert.sql)
        }
    }

    private static func insertIntervals(_ intervals: [RecordedIntervalRow], _ db: Database) throws {
        guard !intervals.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO recorded_interval (interval_start, meter_id, length_s, import_wh, export_wh, status_bits, read_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for interval in intervals {
            try insert.execute(arguments: [interval.start.unixMillis, interval.meterID, interval.lengthSeconds, interval.importWh,
                                           interval.exportWh, interval.statusBits, interval.readAt.unixMillis])
        }
    }

    /// One row per meter that changed, every cycle, bound through the sqlite3 API like the reads,
    /// because at a hundred meters a cycle GRDB's generic path cost as much as the reads
    /// themselves. It is an `UPDATE` by key, with an `INSERT` only for a meter's first row:
    /// an upsert (`ON CONFLICT DO UPDATE`) made SQLite allocate and free a large block per
    /// row, and glibc gave it back to the kernel each time, which cost a third of the
    /// gateway's CPU per poll (docs/performance.md, "Collector").
    private static func replaceStates(_ states: [MeterStateRow], statistics: [MeterStateRow], _ db: Database) throws {
        guard !states.isEmpty || !statistics.isEmpty else { return }
        // Fewer columns set means fewer values bound and no CHECK of the columns left alone.
        let updateStatistics = try db.cachedStatement(sql: """
            UPDATE meter_state SET last_read_at = ?5, reads_ok = ?8, reads_failed = ?9, retries = ?10,
                latency_total_ms = ?11, latency_count = ?12
            WHERE meter_id = ?1
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE meter_state SET health = ?2, consecutive_failures = ?3, next_attempt_at = ?4, last_read_at = ?5,
                last_error = ?6, backfill_resume = ?7, reads_ok = ?8, reads_failed = ?9, retries = ?10,
                latency_total_ms = ?11, latency_count = ?12
            WHERE meter_id = ?1
            """)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO meter_state (meter_id, health, consecutive_failures, next_attempt_at, last_read_at,
                last_error, backfill_resume, reads_ok, reads_failed, retries, latency_total_ms, latency_count)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """)
        for state in statistics {
            try step(updateStatistics, binding: state, resumable: false, db)
            if sqlite3_changes(db.sqliteConnection) == 0 { try step(insert, binding: state, db) }
        }
        for state in states {
            try step(update, binding: state, db)
            if sqlite3_changes(db.sqliteConnection) == 0 { try step(insert, binding: state, db) }
        }
    }

    private static func step(_ statement: Statement, binding state: MeterStateRow, resumable: Bool = true, _ db: Database) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        // SQLITE_TRANSIENT (a C macro Swift cannot import): SQLite copies the text at once.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        func bind(_ index: Int32, _ value: Int64?) {
            if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        }
        bind(1, state.meterID)
        if resumable {
            sqlite3_bind_text(handle, 2, state.health.rawValue, -1, transient)
            bind(3, Int64(state.consecutiveFailures))
            bind(4, state.nextAttemptAt?.unixMillis)
            if let error = state.lastError { sqlite3_bind_text(handle, 6, error, -1, transient) } else { sqlite3_bind_null(handle, 6) }
            bind(7, state.backfillResume?.unixMillis)
        }
        bind(5, state.lastReadAt?.unixMillis)
        bind(8, state.readsOK)
        bind(9, state.readsFailed)
        bind(10, state.retries)
        sqlite3_bind_double(handle, 11, state.latencyTotalMs)
        bind(12, state.latencyCount)
        guard sqlite3_step(handle) == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                                message: db.lastErrorMessage, sql: statement.sql)
        }
    }

    static func insertEvents(_ events: [MeterEventRow], _ db: Database) throws {
        guard !events.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO meter_event (meter_id, at, kind, detail) VALUES (?, ?, ?, ?)")
        for event in events {
            try insert.execute(arguments: [event.meterID, event.at.unixMillis, event.kind.rawValue, event.detail])
        }
    }
}
