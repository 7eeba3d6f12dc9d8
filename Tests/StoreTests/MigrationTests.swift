import Foundation
import Testing
@testable import Store

@Suite("Migrations")
struct MigrationTests {
    @Test func migrationsCreateTheSchema() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let tables = try fixture.store.diagnosticRows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map { $0[0] }
        for table in ["meter", "channel", "register_read", "recorded_interval", "meter_state", "meter_event", "bus_cycle", "delivery_cursor", "interval"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try fixture.store.appliedMigrations() == StoreSchema.migrationNames)
        #expect(StoreSchema.migrationNames.contains("v1-register-reads"))
        #expect(try fixture.store.diagnosticRows("PRAGMA journal_mode") == [["wal"]])
    }

    @Test func theBigTablesAreKeyedByTimeWithoutRowid() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        for (table, key) in [("register_read", ["bucket", "meter_id", "channel_id"]), ("recorded_interval", ["interval_start", "meter_id"])] {
            // A WITHOUT ROWID table's primary key is its own B-tree: pk column order = key order.
            let columns = try fixture.store.diagnosticRows("SELECT name, pk FROM pragma_table_info('\(table)') WHERE pk > 0 ORDER BY pk")
            #expect(columns.map { $0[0] } == key)
            let sql = try fixture.store.diagnosticRows("SELECT sql FROM sqlite_schema WHERE name = '\(table)'")[0][0]
            #expect(sql.contains("WITHOUT ROWID"))
            let indexes = try fixture.store.diagnosticRows("SELECT name FROM pragma_index_list('\(table)') WHERE origin != 'pk'")
            #expect(indexes.isEmpty, "secondary index on \(table): \(indexes)")
        }
    }

    @Test func reopeningAStoreRunsNoMigrationTwice() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.store.commit(fixture.cycle(0))
        try fixture.store.close()
        let reopened = try MeterStore(path: fixture.path)
        defer { try? reopened.close() }
        #expect(try reopened.appliedMigrations() == StoreSchema.migrationNames)
        let recorded = try reopened.diagnosticRows("SELECT count(*), count(DISTINCT identifier) FROM grdb_migrations")
        #expect(recorded == [["\(StoreSchema.migrationNames.count)", "\(StoreSchema.migrationNames.count)"]])
        #expect(try reopened.registerReadCount() == fixture.cycle(0).reads.count)
    }

    @Test func openingSomethingThatIsNotAStoreFailsWithOneLineNamingThePath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("not-a-store.sqlite").path
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try MeterStore(path: path) }
        #expect(error?.description.hasPrefix("store \(path): open: ") == true)
        #expect(error?.description.contains("\n") == false)
    }
}
