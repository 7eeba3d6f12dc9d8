import Foundation

/// A fleet of simulated meters built deterministically from one seed.
///
/// Meters get their load class, clock drift and initial clock offset from the seed and
/// their address, so a fleet description of a few numbers reproduces the same meters in
/// every run; outages and register resets come from the `FaultPlan`.
public struct MeterFleet: Sendable {
    /// Shares of the fleet per load class; the draw for each meter is independent, so the
    /// realised mix of a small fleet varies around these shares.
    public struct ClassMix: Sendable, Hashable {
        public var residential: Double
        public var commercial: Double
        public var industrial: Double

        public init(residential: Double, commercial: Double, industrial: Double) {
            self.residential = residential
            self.commercial = commercial
            self.industrial = industrial
        }

        /// Roughly the meter count split of a distribution utility's customer base.
        public static let typical = ClassMix(residential: 0.85, commercial: 0.12, industrial: 0.03)

        func loadClass(draw u: Double) -> LoadClass {
            let total = residential + commercial + industrial
            guard total > 0 else { return .residential }
            if u * total < residential { return .residential }
            if u * total < residential + commercial { return .commercial }
            return .industrial
        }
    }

    public let seed: UInt64
    public let faults: FaultPlan
    /// Sorted by address.
    public let meters: [SimulatedMeter]
    private let byAddress: [MeterAddress: SimulatedMeter]

    /// Builds one meter per address.
    ///
    /// - Parameters:
    ///   - clockAnchor: when every meter clock was last set (usually the simulation start).
    ///   - maxDriftPPM: clocks drift uniformly within ±this (quartz meters: tens of ppm).
    ///   - maxInitialOffset: clocks start uniformly within ±this many seconds of true time.
    public init(seed: UInt64, addresses: [MeterAddress], classMix: ClassMix = .typical,
                clockAnchor: Date, maxDriftPPM: Double = 20, maxInitialOffset: TimeInterval = 5,
                faults: FaultPlan = .healthy) {
        let configurations = Self.configurations(seed: seed, addresses: addresses, classMix: classMix, clockAnchor: clockAnchor,
                                                 maxDriftPPM: maxDriftPPM, maxInitialOffset: maxInitialOffset, faults: faults)
        self.init(seed: seed, configurations: configurations, faults: faults)
    }

    /// The configurations `init(seed:addresses:...)` builds, sorted by address, for a
    /// caller that adjusts some meters before building the fleet (their phases from the
    /// profile they serve, wiring faults, a fixed clock offset; see `SetupFault`).
    public static func configurations(seed: UInt64, addresses: [MeterAddress], classMix: ClassMix = .typical,
                                      clockAnchor: Date, maxDriftPPM: Double = 20, maxInitialOffset: TimeInterval = 5,
                                      faults: FaultPlan = .healthy) -> [SimulatedMeter.Configuration] {
        Set(addresses).sorted().map { address in
            let key = address.key
            let loadClass = classMix.loadClass(draw: DeterministicRandom.unit(seed, key, RandomStream.fleetClass.rawValue, 0))
            return SimulatedMeter.Configuration(
                address: address, seed: seed, loadClass: loadClass,
                clockAnchor: clockAnchor,
                clockOffset: maxInitialOffset * DeterministicRandom.symmetric(seed, key, RandomStream.clockOffset.rawValue, 0),
                clockDriftPPM: maxDriftPPM * DeterministicRandom.symmetric(seed, key, RandomStream.clockDrift.rawValue, 0),
                outages: faults.outages(for: address), registerResets: faults.registerResets(for: address))
        }
    }

    /// A fleet from explicit configurations (a config file, or a test that needs one
    /// particular meter); later duplicates of an address replace earlier ones.
    public init(seed: UInt64, configurations: [SimulatedMeter.Configuration], faults: FaultPlan = .healthy) {
        self.seed = seed
        self.faults = faults
        var index: [MeterAddress: SimulatedMeter] = [:]
        for configuration in configurations {
            index[configuration.address] = SimulatedMeter(configuration)
        }
        byAddress = index
        meters = index.values.sorted { $0.address < $1.address }
    }

    public func meter(at address: MeterAddress) -> SimulatedMeter? { byAddress[address] }

    /// Addresses `1...count` on consecutive lines of at most 247 units each (the usable
    /// Modbus unit ids), for fleets bigger than one bus.
    public static func addresses(count: Int, unitsPerLine: Int = 247) -> [MeterAddress] {
        let perLine = max(1, min(247, unitsPerLine))
        return (0..<max(0, count)).map { MeterAddress(line: UInt16($0 / perLine), unit: UInt8($0 % perLine + 1)) }
    }
}
