import Testing
import Warehouse

@Suite("Warehouse schema migrations")
struct WarehouseMigrationTests {
    @Test func migratingTwiceAppliesEachMigrationOnce() async throws {
        let fixture = try await WarehouseFixture.make(migrate: false)
        let first = try await fixture.loader.migrate()
        let second = try await fixture.loader.migrate()
        #expect(!first.isEmpty)
        #expect(second.isEmpty)
        #expect(try await fixture.count("schema_migration") == first.count)
        #expect(try await fixture.query("SELECT to_regclass('interval_latest') IS NOT NULL") == ["t"])
    }

    @Test func concurrentMigrationsFromSeveralGatewaysAllSucceed() async throws {
        let fixture = try await WarehouseFixture.make(migrate: false)
        let endpoint = try WarehouseEndpoint(url: fixture.url)
        let applied = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let loader = try await WarehouseLoader.connect(to: endpoint)
                    let applied = try await loader.migrate()
                    await loader.close()
                    return applied
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(applied.count == 1)
        #expect(try await fixture.count("schema_migration") == 1)
        await fixture.loader.close()
    }
}
