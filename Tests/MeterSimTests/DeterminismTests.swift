import Foundation
import MeterKit
import Testing
@testable import MeterSim

@Suite("Determinism")
struct DeterminismTests {
    /// Every register of the Eastron map that holds a point, read in a few requests.
    func dump(_ meter: SimulatedMeter, at t: Date) -> [UInt16] {
        let map = MeterRegisterMap(meter: meter, profile: Fixtures.eastron())
        return [(UInt16(0x0000), 18), (0x0034, 2), (0x0038, 2), (0x003C, 4), (0x0046, 6), (0x0054, 2), (0x0156, 4)]
            .flatMap { map.read(kind: .input, address: $0.0, count: $0.1, at: t).value ?? [] }
    }

    @Test("same seed and same instant give identical registers, whatever was asked before")
    func sameSeedSameRegisters() {
        let t = Fixtures.utc("2026-06-15T12:34:56Z")
        let a = Fixtures.meter(seed: 1234)
        let b = Fixtures.meter(seed: 1234)
        // Warm the two meters' caches in different orders and at different instants.
        _ = a.value(of: .energyImportTotal, at: Fixtures.utc("2030-01-01T00:00:00Z"))
        _ = b.value(of: .energyImportTotal, at: Fixtures.utc("2021-05-01T00:00:00Z"))
        _ = b.value(of: .demandActiveMax, at: Fixtures.utc("2026-06-30T00:00:00Z"))
        let first = dump(a, at: t)
        #expect(first.count == 38)  // 18 + 2 + 2 + 4 + 6 + 2 + 4 registers
        #expect(first == dump(b, at: t))
        #expect(a.energy.energyWh(at: t) == b.energy.energyWh(at: t))
        #expect(a.serialNumber == b.serialNumber)
    }

    @Test("different seeds or units give different meters")
    func differentSeedsDiffer() {
        let t = Fixtures.utc("2026-06-15T12:34:56Z")
        let base = Fixtures.meter(seed: 1234)
        for other in [Fixtures.meter(seed: 1235), Fixtures.meter(unit: 8, seed: 1234)] {
            #expect(dump(base, at: t) != dump(other, at: t))
            #expect(base.energy.energyWh(at: t) != other.energy.energyWh(at: t))
            #expect(base.value(of: .powerActiveTotal, at: t) != other.value(of: .powerActiveTotal, at: t))
            #expect(base.serialNumber != other.serialNumber)
        }
        #expect(base.serialNumber.count == 8 && base.serialNumber.allSatisfy(\.isNumber))
    }

    @Test("concurrent readers of one meter see the same values as a single reader")
    func concurrentReaders() async {
        let shared = Fixtures.meter(seed: 77, loadClass: .industrial)
        let instants = (0..<200).map { Fixtures.utc("2024-01-01T00:00:00Z") + Double($0) * 86_400 * 3.7 }
        let sequential = instants.map { Fixtures.meter(seed: 77, loadClass: .industrial).energy.energyWh(at: $0) }
        let results = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<4 {
                group.addTask { Array(instants.reversed().map { shared.energy.energyWh(at: $0) }.reversed()) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for result in results { #expect(result == sequential) }
    }

    @Test("a fleet is rebuilt identically from its seed")
    func fleetReproducible() {
        let anchor = Fixtures.utc("2026-01-01T00:00:00Z")
        let addresses = MeterFleet.addresses(count: 300)
        let a = MeterFleet(seed: 5, addresses: addresses, clockAnchor: anchor)
        let b = MeterFleet(seed: 5, addresses: addresses.reversed(), clockAnchor: anchor)
        #expect(a.meters.map(\.configuration) == b.meters.map(\.configuration))
        #expect(a.meters.count == 300)
        #expect(addresses[247] == MeterAddress(line: 1, unit: 1))
        let classes = Dictionary(grouping: a.meters, by: \.loadClass).mapValues(\.count)
        #expect(classes[.residential, default: 0] > 200)  // 85 % of 300 = 255 expected
        #expect(classes[.commercial, default: 0] > 15)  // 12 % = 36 expected
        #expect(a.meters.allSatisfy { abs($0.configuration.clockDriftPPM) <= 20 })
        #expect(Set(a.meters.map(\.serialNumber)).count == 300)
    }
}
