import Foundation
import Testing
@testable import Store

@Suite("Several connections on one file")
struct ConcurrencyTests {
    @Test func readersSeeWholeCyclesWhileAWriterCommits() async throws {
        let fixture = try StoreFixture(meters: 50)
        defer { fixture.remove() }
        let perCycle = fixture.cycle(0).reads.count
        let cycles = 40
        // A second store on the same file stands for another process (a CLI query).
        let reader = try MeterStore(path: fixture.path)
        defer { try? reader.close() }
        let writer = Task.detached {
            for n in 0..<cycles { try fixture.store.commit(fixture.cycle(n)) }
        }
        let deadline = Date().addingTimeInterval(60)
        var count = 0
        var snapshots = 0
        while count < cycles * perCycle && Date() < deadline {
            count = try reader.registerReadCount()
            snapshots += 1
            #expect(count % perCycle == 0, "a reader saw part of a cycle: \(count) rows")
        }
        try await writer.value
        #expect(snapshots > 1)
        #expect(try reader.registerReadCount() == cycles * perCycle)
        #expect(try reader.integrityCheck() == ["ok"])
    }
}
