/*
 * raw_sqlite_ingest: the floor for the store's write path, sqlite3 called directly.
 *
 * It works on a store file that `store-bench init` created through MeterStore, so the
 * schema (tables, STRICT, WITHOUT ROWID, CHECKs, foreign keys) is the store's own by
 * construction, and uses the same settings as MeterStore's writer: multi-thread mode and no
 * memory statistics (Sources/CSQLiteSettings), WAL, foreign_keys=ON,
 * synchronous=FULL, journal_size_limit 64 MiB, one prepared INSERT OR IGNORE, one
 * transaction per cycle of METERS x CHANNELS rows in (meter, channel) order, plus the
 * cycle's bus_cycle row.
 *
 *   raw_sqlite_ingest cycles  DB CYCLES            appends CYCLES cycles after the newest
 *                                                  bucket; prints rate, median ms a cycle,
 *                                                  bytes written a row (/proc/self/io wchar:
 *                                                  WAL frames and checkpoints), the WAL's
 *                                                  share of it, and WAL pages a cycle
 *   raw_sqlite_ingest prefill DB DAYS              fills DAYS of 15-minute buckets ending
 *                                                  before 2025-01-01 (big transactions)
 *   raw_sqlite_ingest rekey   DB                   rebuilds register_read with the key
 *                                                  (meter_id, channel_id, bucket) instead:
 *                                                  the layout the store does not use, for
 *                                                  comparison (run on an empty store)
 *
 * Meters and channels are the ids in the store's meter and channel tables. Values are a
 * function of (bucket, meter, channel) that `store-bench` computes the same way.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CADENCE_MS 900000LL
#define ORIGIN_MS 1735689600000LL /* 2025-01-01T00:00:00Z: prefill ends here */

static sqlite3 *db;

static void die(const char *what) {
    fprintf(stderr, "raw_sqlite_ingest: %s: %s\n", what, db ? sqlite3_errmsg(db) : "no database");
    exit(1);
}

static void exec(const char *sql) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) die(sql);
}

static int64_t one_int(const char *sql, int64_t fallback) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) die(sql);
    int64_t v = fallback;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static int64_t *ids(const char *sql, int *count) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) die(sql);
    int n = 0, cap = 1024;
    int64_t *v = malloc(sizeof *v * cap);
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (n == cap) v = realloc(v, sizeof *v * (cap *= 2));
        v[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    *count = n;
    return v;
}

/* The same numbers store-bench writes: a read lands 1-38 s into its cycle, the meter clock
 * is off by up to +-3 s, and the value is a growing energy register with a fraction. */
static int64_t gateway_time(int64_t bucket, int64_t meter) { return bucket + 1000 + (meter % 37) * 1000 + meter % 1000; }
static int64_t meter_time(int64_t bucket, int64_t meter) { return gateway_time(bucket, meter) + ((meter % 7) - 3) * 1000; }
static double value(int64_t bucket, int64_t meter, int64_t channel) {
    return (double)meter * 1000.0 + (double)(bucket / CADENCE_MS % 1000000) * 0.25 + (double)channel * 0.001 + 0.0625;
}

static int64_t wchar(void) {
    FILE *f = fopen("/proc/self/io", "r");
    char line[128];
    int64_t v = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "wchar:", 6) == 0) v = strtoll(line + 6, NULL, 10);
    if (f) fclose(f);
    return v;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Frames in the WAL now: mxFrame of the wal-index header at the start of the -shm file
 * (u32 at offset 16, native order; see SQLite's wal.c). store-bench reads it the same way.
 * After a complete checkpoint the next transaction starts the WAL again from frame 1, so
 * a count lower than the one before means the WAL restarted. */
static const char *shm_path;
static int64_t wal_mx_frame(void) {
    FILE *f = fopen(shm_path, "rb");
    uint32_t v = 0;
    if (f && fseek(f, 16, SEEK_SET) == 0 && fread(&v, sizeof v, 1, f) != 1) v = 0;
    if (f) fclose(f);
    return v;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static sqlite3_stmt *insert_stmt(void) {
    sqlite3_stmt *s;
    const char *sql = "INSERT OR IGNORE INTO register_read (bucket, meter_id, channel_id, gateway_time, meter_time, value, status) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)";
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) die("prepare insert");
    return s;
}

/* One register read, bound and stepped the way MeterStore.commit does it. */
static void insert_row(sqlite3_stmt *s, int64_t bucket, int64_t meter, int64_t channel) {
    sqlite3_bind_int64(s, 1, bucket);
    sqlite3_bind_int64(s, 2, meter);
    sqlite3_bind_int64(s, 3, channel);
    sqlite3_bind_int64(s, 4, gateway_time(bucket, meter));
    sqlite3_bind_int64(s, 5, meter_time(bucket, meter));
    sqlite3_bind_double(s, 6, value(bucket, meter, channel));
    sqlite3_bind_int(s, 7, 0);
    if (sqlite3_step(s) != SQLITE_DONE) die("insert register_read");
    sqlite3_reset(s);
}

static void insert_cycle(sqlite3_stmt *s, int64_t bucket, const int64_t *meters, int nm, const int64_t *channels, int nc) {
    for (int m = 0; m < nm; m++)
        for (int c = 0; c < nc; c++) insert_row(s, bucket, meters[m], channels[c]);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: raw_sqlite_ingest cycles DB CYCLES | prefill DB DAYS | rekey DB\n");
        return 2;
    }
    const char *mode = argv[1];
    if (sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK || sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK) die("config");
    if (sqlite3_open(argv[2], &db) != SQLITE_OK) die("open");
    sqlite3_busy_timeout(db, 10000);
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA foreign_keys = ON");
    exec("PRAGMA synchronous = FULL");
    exec("PRAGMA journal_size_limit = 67108864");
    int nm, nc;
    int64_t *meters = ids("SELECT id FROM meter ORDER BY id", &nm);
    int64_t *channels = ids("SELECT id FROM channel ORDER BY id", &nc);
    if (nm == 0 || nc == 0) die("the store has no meters or channels (run store-bench init first)");

    if (strcmp(mode, "rekey") == 0) {
        /* Same table, same columns and constraints; only the primary key's order differs. */
        sqlite3_stmt *s;
        if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE name = 'register_read'", -1, &s, NULL) != SQLITE_OK ||
            sqlite3_step(s) != SQLITE_ROW) die("read register_read's schema");
        char *sql = strdup((const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        char *key = strstr(sql, "PRIMARY KEY (bucket, meter_id, channel_id)");
        if (!key) die("register_read's key is not (bucket, meter_id, channel_id)");
        memcpy(key, "PRIMARY KEY (meter_id, channel_id, bucket)", strlen("PRIMARY KEY (meter_id, channel_id, bucket)"));
        exec("BEGIN");
        exec("DROP TABLE register_read");
        exec(sql);
        exec("COMMIT");
        *strchr(strstr(sql, "PRIMARY KEY"), ')') = 0;
        printf("rekeyed register_read: %s)\n", strstr(sql, "PRIMARY KEY"));
        sqlite3_close(db);
        return 0;
    }

    if (strcmp(mode, "prefill") == 0 && argc == 4) {
        /* Oldest first, one transaction per day. Inserting in the table's own key order keeps
         * this fast for either key: for the (meter, channel, bucket) key a day is inserted
         * series by series, which fills its leaves as densely as a time-ordered append. */
        int days = atoi(argv[3]);
        sqlite3_stmt *s = insert_stmt();
        int meter_first = one_int("SELECT count(*) FROM pragma_table_info('register_read') WHERE pk = 1 AND name = 'meter_id'", 0);
        int64_t per_day = 86400000LL / CADENCE_MS, first = ORIGIN_MS - (int64_t)days * 86400000LL;
        double t0 = now();
        exec("PRAGMA synchronous = OFF"); /* a prefill is rebuilt, not recovered, if it dies */
        exec("PRAGMA cache_size = -262144"); /* 256 MiB: the meter-keyed fill touches every series */
        for (int d = 0; d < days; d++) {
            exec("BEGIN");
            int64_t day = first + d * 86400000LL;
            if (meter_first) {
                for (int m = 0; m < nm; m++)
                    for (int c = 0; c < nc; c++)
                        for (int64_t b = 0; b < per_day; b++) insert_row(s, day + b * CADENCE_MS, meters[m], channels[c]);
            } else {
                for (int64_t b = 0; b < per_day; b++) insert_cycle(s, day + b * CADENCE_MS, meters, nm, channels, nc);
            }
            exec("COMMIT");
        }
        exec("PRAGMA wal_checkpoint(TRUNCATE)");
        printf("prefilled days=%d rows=%lld seconds=%.1f\n", days, (long long)days * per_day * nm * nc, now() - t0);
        sqlite3_finalize(s);
        sqlite3_close(db);
        return 0;
    }

    if (strcmp(mode, "cycles") != 0 || argc != 4) die("unknown mode or arguments");
    int cycles = atoi(argv[3]);
    sqlite3_stmt *s = insert_stmt();
    sqlite3_stmt *stats;
    if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO bus_cycle (bucket, bus, started_at, finished_at, requests, retries, failures, reads) "
                               "VALUES (?, 'bench', ?, ?, ?, 0, 0, ?)", -1, &stats, NULL) != SQLITE_OK) die("prepare bus_cycle");
    char shm[4096];
    snprintf(shm, sizeof shm, "%s-shm", argv[2]);
    shm_path = shm;
    int64_t wal_frames = 0;
    int64_t last = one_int("SELECT max(bucket) FROM register_read", ORIGIN_MS - CADENCE_MS);
    double *ms = malloc(sizeof *ms * cycles);
    int64_t rows = (int64_t)cycles * nm * nc, w0 = wchar();
    double t0 = now();
    for (int i = 0; i < cycles; i++) {
        int64_t bucket = last + (i + 1) * CADENCE_MS;
        double c0 = now();
        int64_t frames_before = wal_mx_frame();
        exec("BEGIN IMMEDIATE");
        insert_cycle(s, bucket, meters, nm, channels, nc);
        sqlite3_bind_int64(stats, 1, bucket);
        sqlite3_bind_int64(stats, 2, bucket);
        sqlite3_bind_int64(stats, 3, bucket + 1000);
        sqlite3_bind_int64(stats, 4, (int64_t)nm * nc);
        sqlite3_bind_int64(stats, 5, (int64_t)nm * nc);
        if (sqlite3_step(stats) != SQLITE_DONE) die("insert bus_cycle");
        sqlite3_reset(stats);
        exec("COMMIT");
        ms[i] = (now() - c0) * 1000;
        int64_t frames_after = wal_mx_frame();
        wal_frames += frames_after >= frames_before ? frames_after - frames_before : frames_after;
    }
    double seconds = now() - t0;
    int64_t written = wchar() - w0;
    qsort(ms, cycles, sizeof *ms, cmp_double);
    double median = cycles % 2 ? ms[cycles / 2] : (ms[cycles / 2 - 1] + ms[cycles / 2]) / 2;
    int64_t page_size = one_int("PRAGMA page_size", 4096);
    printf("rows=%lld seconds=%.3f rate=%.0f median_ms=%.2f max_ms=%.2f bytes_per_row=%.1f wal_bytes_per_row=%.1f "
           "wal_pages_per_cycle=%.1f\n",
           (long long)rows, seconds, (double)rows / seconds, median, ms[cycles - 1], (double)written / (double)rows,
           (double)wal_frames * (double)(page_size + 24) / (double)rows, (double)wal_frames / cycles);
    sqlite3_finalize(s);
    sqlite3_finalize(stats);
    sqlite3_close(db);
    return 0;
}
