import Foundation
import Testing
@testable import MeterSim

@Suite("Fault plan")
struct FaultPlanTests {
    func plan(seed: UInt64 = 2024) throws -> FaultPlan {
        try FaultPlan(seed: seed, timeoutProbability: 0.05, exceptionProbability: 0.03,
                      corruptCRCProbability: 0.02, slowProbability: 0.10, slowDelay: .milliseconds(300))
    }

    @Test("the same seed and request index give the same decision")
    func repeatable() throws {
        let a = try plan(), b = try plan()
        let first = (0..<2_000).map { a.decide(unit: 7, requestIndex: $0) }
        // Asked again, in reverse order, from another instance: identical.
        let again = (0..<2_000).reversed().map { b.decide(unit: 7, requestIndex: $0) }.reversed()
        #expect(first == Array(again))
        #expect(first != (0..<2_000).map { try! plan(seed: 2025).decide(unit: 7, requestIndex: $0) })
        #expect(first != (0..<2_000).map { a.decide(unit: 8, requestIndex: $0) })
        #expect(a.decide(unit: 7, requestIndex: 99) == a.decide(meter: MeterAddress(unit: 7), requestIndex: 99))
    }

    @Test("over 10,000 requests each fault occurs at its configured rate")
    func frequencies() throws {
        let p = try plan()
        var counts: [String: Int] = [:]
        var codes: Set<UInt8> = []
        for index in 0..<UInt64(10_000) {
            switch p.decide(unit: 3, requestIndex: index) {
            case .none: counts["none", default: 0] += 1
            case .noReply: counts["timeout", default: 0] += 1
            case .exception(let code): counts["exception", default: 0] += 1; codes.insert(code)
            case .corruptCRC: counts["crc", default: 0] += 1
            case .slow(let delay): counts["slow", default: 0] += 1; #expect(delay == .milliseconds(300))
            }
        }
        // Binomial counts: expected n p, standard deviation sqrt(n p (1 - p)); allow 4 sd.
        for (name, probability) in [("timeout", 0.05), ("exception", 0.03), ("crc", 0.02), ("slow", 0.10), ("none", 0.80)] {
            let expected = 10_000 * probability
            let sd = (expected * (1 - probability)).squareRoot()
            #expect(abs(Double(counts[name, default: 0]) - expected) < 4 * sd, "\(name): \(counts[name, default: 0])")
        }
        #expect(codes == [0x04, 0x06])
    }

    @Test("impossible probabilities are refused")
    func validation() {
        #expect(throws: FaultPlanError.self) { try FaultPlan(seed: 1, timeoutProbability: 0.7, exceptionProbability: 0.4) }
        #expect(throws: FaultPlanError.self) { try FaultPlan(seed: 1, slowProbability: -0.1) }
        #expect(FaultPlan.healthy.decide(unit: 1, requestIndex: 5) == FaultDecision.none)
    }

    @Test("outages and resets in the plan reach the fleet's meters")
    func eventsReachMeters() throws {
        let outage = Fixtures.utc("2026-02-01T10:00:00Z")..<Fixtures.utc("2026-02-01T11:00:00Z")
        let reset = Fixtures.utc("2026-02-02T00:00:00Z")
        let faults = try FaultPlan(seed: 1, outages: [4: [outage]], registerResets: [MeterAddress(unit: 5): [reset]])
        let fleet = MeterFleet(seed: 1, addresses: [3, 4, 5], clockAnchor: Fixtures.utc("2026-01-01T00:00:00Z"), faults: faults)
        #expect(fleet.meter(at: 4)!.isPoweredDown(at: outage.lowerBound + 60))
        #expect(!fleet.meter(at: 3)!.isPoweredDown(at: outage.lowerBound + 60))
        #expect(fleet.meter(at: 5)!.energy.registerWh(at: reset) == 0)
    }
}
