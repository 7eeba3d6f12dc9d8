import Testing
import Warehouse

@Suite("Warehouse URL")
struct WarehouseEndpointTests {
    @Test func fullURLGivesEveryPart() throws {
        let endpoint = try WarehouseEndpoint(url: "postgres://loader:s%40cret@db.example:6543/research?sslmode=disable")
        #expect(endpoint == WarehouseEndpoint(host: "db.example", port: 6543, user: "loader", password: "s@cret", database: "research", tls: .disable))
        #expect(!endpoint.description.contains("cret"))
    }

    @Test func portAndSSLModeHaveSafeDefaults() throws {
        let endpoint = try WarehouseEndpoint(url: "postgresql://loader@db/research")
        #expect(endpoint.port == 5432)
        #expect(endpoint.tls == .require)
        #expect(endpoint.password == nil)
    }

    @Test func eachWrongPartIsNamed() {
        #expect(throws: WarehouseEndpoint.ParseError.scheme("mysql")) { try WarehouseEndpoint(url: "mysql://u@h/d") }
        #expect(throws: WarehouseEndpoint.ParseError.missingUser) { try WarehouseEndpoint(url: "postgres://h/d") }
        #expect(throws: WarehouseEndpoint.ParseError.database("")) { try WarehouseEndpoint(url: "postgres://u@h") }
        #expect(throws: WarehouseEndpoint.ParseError.database("a/b")) { try WarehouseEndpoint(url: "postgres://u@h/a/b") }
        #expect(throws: WarehouseEndpoint.ParseError.sslMode("verify-full")) { try WarehouseEndpoint(url: "postgres://u@h/d?sslmode=verify-full") }
        #expect(throws: WarehouseEndpoint.ParseError.parameter("timeout")) { try WarehouseEndpoint(url: "postgres://u@h/d?timeout=3") }
    }
}
