import Foundation

/// The warehouse's tables, as named migrations applied in order and recorded in
/// `schema_migration`. Applied migrations are never edited: a change is a new one.
///
/// **Every revision is a row.** `interval_reading` is keyed (meter_id, channel,
/// interval_start, revision): settlement reruns on day 17, 59 and 180 must find the value
/// each earlier run used, so a corrected interval arrives as a new revision beside the old
/// one instead of overwriting it. Loading is `INSERT ... ON CONFLICT DO NOTHING` on that key:
/// a revision, once loaded, is immutable, and re-delivering a batch after a crash (the
/// gateway's acknowledgement lost) has exactly-once effect. `interval_latest` is the view
/// analysts read: per interval, the row with the highest revision, whatever order the
/// revisions arrived in.
///
/// **Monthly partitions by interval start (UTC).** Load research keeps 3 to 12 years: old
/// months can be detached, archived or moved without touching new ones, and a month's
/// queries scan one partition. `interval_reading_yYYYYmMM` is created on demand by `load`.
///
/// No foreign key from readings to `meter`: intervals must load even when a meter's metadata
/// lags, and the key check would slow every bulk insert.
enum WarehouseSchema {
    /// A named step of the schema. Its SQL may hold several statements, each ending with a
    /// semicolon at the end of a line: the extended protocol runs one statement a query.
    struct Migration {
        var name: String
        var sql: String

        var statements: [String] {
            sql.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
    }

    /// The advisory lock key that serialises migrations (and partition creation) across
    /// gateways starting at once: CREATE ... IF NOT EXISTS alone races in the catalogs.
    static let lockKey: Int64 = 0x6D65_7465_7267_7465  // "metergte"

    static let migrations: [Migration] = [
        Migration(name: "v1 meter, interval_reading, gateway_load, interval_latest", sql: """
            CREATE TABLE meter (
                meter_id text PRIMARY KEY,
                gateway_id text NOT NULL,
                rate_class text,
                tariff text,
                stratum text,
                weight double precision CHECK (weight > 0),
                weather_zone text,
                site text,
                multiplier double precision CHECK (multiplier > 0),
                profile text,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE interval_reading (
                meter_id text NOT NULL,
                channel text NOT NULL,
                interval_start timestamptz NOT NULL,
                length_s integer NOT NULL CHECK (length_s > 0),
                value_wh double precision CHECK (value_wh > '-Infinity' AND value_wh < 'Infinity'),
                quality smallint NOT NULL CHECK (quality IN (0, 8, 9, 10)),
                revision integer NOT NULL CHECK (revision >= 1),
                source text NOT NULL,
                estimation text,
                flags integer NOT NULL DEFAULT 0,
                computed_at timestamptz NOT NULL,
                gateway_id text NOT NULL,
                gateway_seq bigint NOT NULL,
                loaded_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (meter_id, channel, interval_start, revision)
            ) PARTITION BY RANGE (interval_start);
            COMMENT ON COLUMN interval_reading.value_wh IS 'Wh, CT/PT multiplier applied; NULL = missing';
            COMMENT ON COLUMN interval_reading.quality IS 'Green Button: 0 valid, 8 estimated, 9 missing, 10 suspect';
            CREATE TABLE gateway_load (
                gateway_id text PRIMARY KEY,
                loaded_through_seq bigint NOT NULL,
                loaded_at timestamptz NOT NULL
            );
            CREATE VIEW interval_latest AS
                SELECT DISTINCT ON (meter_id, channel, interval_start)
                    meter_id, channel, interval_start, length_s, value_wh, quality, revision, source, estimation,
                    flags, computed_at, gateway_id, gateway_seq, loaded_at
                FROM interval_reading
                ORDER BY meter_id, channel, interval_start, revision DESC
            """),
    ]

    /// The session's staging table for `load`: COPY's target, emptied at each commit.
    /// Times travel as microseconds since 1970 (exact, and cheap to print).
    static let createStaging = """
        CREATE TEMP TABLE interval_staging (
            meter_id text, channel text, start_us bigint, length_s integer, value_wh double precision,
            quality smallint, revision integer, source text, estimation text, flags integer,
            computed_us bigint, gateway_seq bigint
        ) ON COMMIT DELETE ROWS
        """

    static let stagingColumns = [
        "meter_id", "channel", "start_us", "length_s", "value_wh", "quality", "revision", "source", "estimation", "flags",
        "computed_us", "gateway_seq",
    ]

    /// Staging into the partitioned table; `$1` is the gateway id. Duplicates of a loaded
    /// revision (in the table or within the batch) are skipped.
    static let insertFromStaging = """
        INSERT INTO interval_reading (meter_id, channel, interval_start, length_s, value_wh, quality, revision, source,
                                      estimation, flags, computed_at, gateway_id, gateway_seq, loaded_at)
        SELECT meter_id, channel, timestamptz 'epoch' + start_us * interval '1 microsecond', length_s, value_wh, quality,
               revision, source, estimation, flags, timestamptz 'epoch' + computed_us * interval '1 microsecond', $1,
               gateway_seq, now()
        FROM interval_staging
        ON CONFLICT (meter_id, channel, interval_start, revision) DO NOTHING
        """

    /// A calendar month in UTC: a partition of `interval_reading`.
    struct Month: Hashable, Comparable {
        var year: Int
        var month: Int

        init(year: Int, month: Int) {
            self.year = year
            self.month = month
        }

        /// The month a time falls in (UTC), from the day number by integer arithmetic.
        init(containing date: Date) {
            let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
            // Civil from days (proleptic Gregorian), era-based.
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let mp = (5 * dayOfYear + 2) / 153
            let month = mp < 10 ? mp + 3 : mp - 9
            self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month)
        }

        var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }

        var tableName: String { String(format: "interval_reading_y%04dm%02d", year, month) }

        var bound: String { String(format: "'%04d-%02d-01 00:00:00+00'", year, month) }

        var createPartition: String {
            "CREATE TABLE IF NOT EXISTS \(tableName) PARTITION OF interval_reading FOR VALUES FROM (\(bound)) TO (\(next.bound))"
        }

        static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
    }
}
