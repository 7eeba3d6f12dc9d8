import Foundation
import TestSupport
import Warehouse

/// A fresh database on the shared test server, a loader connected to it, and `psql` to look
/// at what the loader wrote.
struct WarehouseFixture {
    let server: PostgresServer
    let database: String
    let url: String
    let loader: WarehouseLoader

    /// - Parameter server: a server of the test's own (to stop it); the shared one otherwise.
    static func make(server: PostgresServer? = nil, migrate: Bool = true) async throws -> WarehouseFixture {
        let server = if let server { server } else { try await PostgresServer.shared() }
        let database = "wh_\(UUID().uuidString.prefix(8).lowercased())"
        try await server.createDatabase(database)
        let url = server.url(database: database)
        let loader = try await WarehouseLoader.connect(to: WarehouseEndpoint(url: url))
        if migrate { try await loader.migrate() }
        return WarehouseFixture(server: server, database: database, url: url, loader: loader)
    }

    /// Rows of a query, each a `|`-separated line.
    func query(_ sql: String) async throws -> [String] {
        let output = try await server.psql(sql, database: database)
        return output.isEmpty ? [] : output.split(separator: "\n").map(String.init)
    }

    func count(_ table: String, where condition: String = "true") async throws -> Int {
        Int(try await query("SELECT count(*) FROM \(table) WHERE \(condition)").first ?? "") ?? -1
    }
}

/// 00:00 UTC of a day.
func utc(_ year: Int, _ month: Int, _ day: Int, hour: Int = 0, minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

/// `count` consecutive 15-minute intervals of one meter and channel from `start`.
func intervals(meter: String = "m1", channel: String = "import_wh", from start: Date, count: Int, revision: Int = 1,
               value: Double = 250, quality: Int = 0, firstSeq: Int64 = 1) -> [WarehouseInterval] {
    (0..<count).map { index in
        WarehouseInterval(
            meterID: meter, channel: channel, start: start.addingTimeInterval(Double(index) * 900), lengthSeconds: 900,
            valueWh: value + Double(index), quality: quality, revision: revision, source: "register",
            estimation: nil, flags: 0, computedAt: start.addingTimeInterval(3600), seq: firstSeq + Int64(index))
    }
}
