import GRDB

/// The store's schema as named, ordered migrations. A migration, once released, never
/// changes: a new need is a new migration appended here (GRDB records the applied names in
/// `grdb_migrations` and runs each one once, in its own transaction).
///
/// Write-path layout (see docs/performance.md, "Store"): the two big tables are
/// `WITHOUT ROWID` with time leading the primary key. A poll cycle's reads all share one
/// `bucket` larger than every earlier one, so a cycle appends to the right edge of the
/// B-tree and dirties a few dozen pages, where a (meter, channel, time) key dirties one leaf
/// per series. Per-meter queries seek the key once per bucket instead of using a secondary
/// index, which would cost the write path a second B-tree with random inserts.
///
/// Every table is STRICT, instants are INTEGER Unix milliseconds in UTC, and the schema
/// states what it can (NOT NULL, CHECK, foreign keys): trust SQLite more than ourselves.
/// Meters are never deleted (no index on the child side supports it), only updated in place.
enum StoreSchema {
    /// The migration names in order; the file format's history.
    static var migrationNames: [String] { migrations.map(\.name) }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (name, sql) in migrations {
            migrator.registerMigration(name) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    private static let migrations: [(name: String, sql: String)] = [
        ("v1-meters-and-channels", """
            CREATE TABLE meter (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                bus TEXT NOT NULL,
                unit INTEGER NOT NULL CHECK (unit BETWEEN 0 AND 255),
                profile TEXT NOT NULL,
                metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
                multiplier REAL NOT NULL DEFAULT 1 CHECK (multiplier > 0)
            ) STRICT;
            CREATE TABLE channel (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE
            ) STRICT;
            """),
        // One row per (cycle, meter, channel). bucket: the cycle's scheduled boundary.
        ("v1-register-reads", """
            CREATE TABLE register_read (
                bucket INTEGER NOT NULL,
                meter_id INTEGER NOT NULL REFERENCES meter(id),
                channel_id INTEGER NOT NULL REFERENCES channel(id),
                gateway_time INTEGER NOT NULL,
                meter_time INTEGER,
                value REAL,
                status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 4),
                PRIMARY KEY (bucket, meter_id, channel_id)
            ) STRICT, WITHOUT ROWID;
            """),
        // The meter's own load-profile memory; first copy wins (the meter's memory is authoritative).
        ("v1-recorded-intervals", """
            CREATE TABLE recorded_interval (
                interval_start INTEGER NOT NULL,
                meter_id INTEGER NOT NULL REFERENCES meter(id),
                length_s INTEGER NOT NULL CHECK (length_s > 0),
                import_wh INTEGER NOT NULL CHECK (import_wh >= 0),
                export_wh INTEGER NOT NULL CHECK (export_wh >= 0),
                status_bits INTEGER NOT NULL CHECK (status_bits >= 0),
                read_at INTEGER NOT NULL,
                PRIMARY KEY (interval_start, meter_id)
            ) STRICT, WITHOUT ROWID;
            """),
        // Poller memory per meter, and an append-only event log. AUTOINCREMENT keeps event ids
        // growing even after pruning, so a delivery cursor on the id never sees one twice.
        ("v1-meter-health", """
            CREATE TABLE meter_state (
                meter_id INTEGER PRIMARY KEY REFERENCES meter(id),
                health TEXT NOT NULL CHECK (health IN ('unknown', 'online', 'offline')),
                consecutive_failures INTEGER NOT NULL CHECK (consecutive_failures >= 0),
                next_attempt_at INTEGER,
                last_read_at INTEGER,
                last_error TEXT,
                backfill_resume INTEGER,
                reads_ok INTEGER NOT NULL,
                reads_failed INTEGER NOT NULL,
                retries INTEGER NOT NULL,
                latency_total_ms REAL NOT NULL,
                latency_count INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE meter_event (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                meter_id INTEGER NOT NULL REFERENCES meter(id),
                at INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('offline', 'online', 'exception', 'register_reset', 'clock_offset', 'backfill')),
                detail TEXT NOT NULL,
                UNIQUE (meter_id, at, kind)
            ) STRICT;
            """),
        ("v1-bus-cycles", """
            CREATE TABLE bus_cycle (
                bucket INTEGER NOT NULL,
                bus TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                finished_at INTEGER NOT NULL,
                requests INTEGER NOT NULL CHECK (requests >= 0),
                retries INTEGER NOT NULL CHECK (retries >= 0),
                failures INTEGER NOT NULL CHECK (failures >= 0),
                reads INTEGER NOT NULL,
                PRIMARY KEY (bucket, bus)
            ) STRICT, WITHOUT ROWID;
            """),
        // How far each forwarding destination got in its table, in that table's key order
        // (bucket, interval_start, event id, bucket). Empty until forwarding exists.
        ("v1-delivery-cursors", """
            CREATE TABLE delivery_cursor (
                destination TEXT PRIMARY KEY,
                table_name TEXT NOT NULL
                    CHECK (table_name IN ('register_read', 'recorded_interval', 'meter_event', 'bus_cycle')),
                position INTEGER NOT NULL
            ) STRICT;
            """),
        // Validated intervals, every revision kept (raw data is never overwritten). `seq` is the
        // order revisions were made in, which is what forwarding delivers in; the unique key
        // leads with the interval start, so live intervals append at the right edge like reads.
        ("v2-intervals", """
            CREATE TABLE interval (
                seq INTEGER PRIMARY KEY,
                start INTEGER NOT NULL,
                meter_id INTEGER NOT NULL REFERENCES meter(id),
                channel_id INTEGER NOT NULL REFERENCES channel(id),
                revision INTEGER NOT NULL CHECK (revision >= 1),
                length_s INTEGER NOT NULL CHECK (length_s IN (900, 3600)),
                value_wh REAL,
                quality INTEGER NOT NULL CHECK (quality IN (0, 8, 9, 10)),
                source TEXT NOT NULL CHECK (source IN ('profile', 'registers', 'estimate')),
                estimation TEXT CHECK (estimation IN ('linear', 'like-day', 'prorated-flat', 'flat-hold')),
                flags INTEGER NOT NULL CHECK (flags >= 0),
                computed_at INTEGER NOT NULL,
                UNIQUE (start, meter_id, channel_id, revision)
            ) STRICT;
            CREATE TABLE delivery_cursor_v2 (
                destination TEXT PRIMARY KEY,
                table_name TEXT NOT NULL
                    CHECK (table_name IN ('register_read', 'recorded_interval', 'meter_event', 'bus_cycle', 'interval')),
                position INTEGER NOT NULL
            ) STRICT;
            INSERT INTO delivery_cursor_v2 SELECT * FROM delivery_cursor;
            DROP TABLE delivery_cursor;
            ALTER TABLE delivery_cursor_v2 RENAME TO delivery_cursor;
            """),
        // Forwarding. Each destination's outbox is its cursor plus the batch it is sending:
        // the batch's bounds are stored before the first attempt, so a retry after a crash
        // sends exactly the same rows under the same idempotency keys. Back-off state is here
        // too, so `metergate status` (another process) sees a failing destination. Billing
        // cycles keep every version, like intervals keep every revision.
        ("v3-forwarding", """
            CREATE TABLE delivery_cursor_v3 (
                destination TEXT PRIMARY KEY,
                table_name TEXT NOT NULL CHECK (table_name IN
                    ('register_read', 'recorded_interval', 'meter_event', 'bus_cycle', 'interval', 'billing_cycle')),
                position INTEGER NOT NULL,
                batch_first INTEGER,
                batch_last INTEGER,
                consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
                next_attempt_at INTEGER,
                last_error TEXT,
                last_success_at INTEGER,
                delivered_rows INTEGER NOT NULL DEFAULT 0,
                CHECK ((batch_first IS NULL) = (batch_last IS NULL) AND (batch_first IS NULL OR batch_first <= batch_last))
            ) STRICT;
            INSERT INTO delivery_cursor_v3 (destination, table_name, position) SELECT destination, table_name, position FROM delivery_cursor;
            DROP TABLE delivery_cursor;
            ALTER TABLE delivery_cursor_v3 RENAME TO delivery_cursor;
            CREATE TABLE dead_letter (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                destination TEXT NOT NULL,
                table_name TEXT NOT NULL,
                first_position INTEGER NOT NULL,
                last_position INTEGER NOT NULL,
                rows INTEGER NOT NULL CHECK (rows > 0),
                reason TEXT NOT NULL,
                payload TEXT NOT NULL,
                at INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE billing_cycle (
                seq INTEGER PRIMARY KEY,
                meter_id INTEGER NOT NULL REFERENCES meter(id),
                cycle_start INTEGER NOT NULL,
                cycle_end INTEGER NOT NULL CHECK (cycle_end > cycle_start),
                version INTEGER NOT NULL CHECK (version >= 1),
                tariff TEXT NOT NULL,
                document TEXT NOT NULL CHECK (json_valid(document)),
                computed_at INTEGER NOT NULL,
                UNIQUE (meter_id, cycle_start, version)
            ) STRICT;
            """),
        // Operators' requests to read a meter outside the schedule, carried out by the bus's
        // poller. Filed by another process (the CLI, the API), so they live in the store.
        ("v4-read-requests", """
            CREATE TABLE read_request (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                meter_id INTEGER NOT NULL REFERENCES meter(id),
                kind TEXT NOT NULL CHECK (kind IN ('read', 'reread', 'set_clock')),
                range_start INTEGER,
                range_end INTEGER,
                requested_at INTEGER NOT NULL,
                requested_by TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
                finished_at INTEGER,
                result TEXT,
                CHECK (kind <> 'reread' OR (range_start IS NOT NULL AND range_end > range_start)),
                CHECK ((state = 'pending') = (finished_at IS NULL))
            ) STRICT;
            CREATE INDEX read_request_pending ON read_request (id) WHERE state = 'pending';
            """),
        // API tokens for the headend: only the SHA-256 of a token is kept, so a copy of the
        // store does not hand out access. A revoked token keeps its row (who had access, when).
        ("v5-api-tokens", """
            CREATE TABLE api_token (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK (role IN ('reader', 'operator', 'technician')),
                sha256 BLOB NOT NULL UNIQUE CHECK (length(sha256) = 32),
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            ) STRICT;
            """),
        // Dead letters an operator asked to send again: ranges of a destination's table below its
        // cursor that `planBatch` hands out before new rows, narrowed as they are delivered.
        ("v5-redelivery", """
            CREATE TABLE redelivery (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                destination TEXT NOT NULL,
                first_position INTEGER NOT NULL,
                last_position INTEGER NOT NULL,
                dead_letter_id INTEGER NOT NULL,
                requested_at INTEGER NOT NULL
            ) STRICT;
            """),
    ]
}
