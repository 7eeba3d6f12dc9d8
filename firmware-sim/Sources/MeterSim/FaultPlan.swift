import Foundation

/// What the emulator does to one request instead of (or in addition to) answering it.
public enum FaultDecision: Sendable, Hashable {
    /// Answer normally.
    case none
    /// Send nothing: the gateway must time out and retry.
    case noReply
    /// Answer with a Modbus exception: 0x04 device failure or 0x06 busy.
    case exception(UInt8)
    /// Answer with a wrong CRC (RTU framing; a TCP server has no CRC and should treat it as
    /// `noReply` or a truncated frame, its choice).
    case corruptCRC
    /// Answer correctly after an extra delay.
    case slow(Duration)
}

/// Why a fault plan cannot be built.
public enum FaultPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A probability outside 0...1, or probabilities adding up to more than 1.
    case invalidProbability(String)

    public var description: String {
        switch self {
        case .invalidProbability(let detail): "invalid fault probability: \(detail)"
        }
    }
}

/// The misbehaviour of a simulated fleet, fixed in advance by a seed.
///
/// Per-request faults are a hash of (seed, meter, request index), so a test that replays
/// the same requests sees the same faults, and the faults of one meter never depend on
/// traffic to another. Events that belong to the physics (outages, register resets) are
/// listed per meter and fed to the meters' energy models.
public struct FaultPlan: Sendable, Hashable {
    public var seed: UInt64
    /// Per-request probabilities; they are exclusive, so their sum must not exceed 1.
    public private(set) var timeoutProbability: Double
    public private(set) var exceptionProbability: Double
    public private(set) var corruptCRCProbability: Double
    public private(set) var slowProbability: Double
    /// Extra latency of a slow reply.
    public var slowDelay: Duration
    /// Supply interruptions per meter (simulated time, half-open).
    public var outages: [MeterAddress: [Range<Date>]]
    /// Register reset instants per meter.
    public var registerResets: [MeterAddress: [Date]]

    /// A plan with no faults at all (named so it never reads like `Optional.none`).
    public static let healthy = FaultPlan(seed: 0)

    private init(seed: UInt64) {
        self.seed = seed
        timeoutProbability = 0
        exceptionProbability = 0
        corruptCRCProbability = 0
        slowProbability = 0
        slowDelay = .zero
        outages = [:]
        registerResets = [:]
    }

    public init(seed: UInt64, timeoutProbability: Double = 0, exceptionProbability: Double = 0,
                corruptCRCProbability: Double = 0, slowProbability: Double = 0, slowDelay: Duration = .milliseconds(500),
                outages: [MeterAddress: [Range<Date>]] = [:], registerResets: [MeterAddress: [Date]] = [:]) throws(FaultPlanError) {
        let named = [("timeout", timeoutProbability), ("exception", exceptionProbability),
                     ("corrupt CRC", corruptCRCProbability), ("slow", slowProbability)]
        for (name, p) in named where !(0...1).contains(p) {
            throw .invalidProbability("\(name) probability \(p) is not within 0...1")
        }
        let total = named.reduce(0) { $0 + $1.1 }
        guard total <= 1 + 1e-12 else {
            throw .invalidProbability("probabilities add up to \(total), more than 1")
        }
        guard slowDelay >= .zero else { throw .invalidProbability("slow delay \(slowDelay) is negative") }
        self.seed = seed
        self.timeoutProbability = timeoutProbability
        self.exceptionProbability = exceptionProbability
        self.corruptCRCProbability = corruptCRCProbability
        self.slowProbability = slowProbability
        self.slowDelay = slowDelay
        self.outages = outages
        self.registerResets = registerResets
    }

    /// The fault for the `requestIndex`-th request (counted by the server per meter or
    /// globally, its choice; only the sequence must be reproducible) to unit `unit` on line 0.
    public func decide(unit: UInt8, requestIndex: UInt64) -> FaultDecision {
        decide(meter: MeterAddress(unit: unit), requestIndex: requestIndex)
    }

    /// The fault for a request to a meter on any line.
    ///
    /// One uniform draw is split into consecutive bands (timeout, exception, corrupt CRC,
    /// slow, none), so each fault occurs with exactly its probability and raising one never
    /// reshuffles which requests get the others. The exception code is a second,
    /// independent draw: busy (06) and device failure (04) equally often.
    public func decide(meter: MeterAddress, requestIndex: UInt64) -> FaultDecision {
        let u = DeterministicRandom.unit(seed, meter.key, RandomStream.faultKind.rawValue, requestIndex)
        var edge = timeoutProbability
        if u < edge { return .noReply }
        edge += exceptionProbability
        if u < edge {
            let detail = DeterministicRandom.unit(seed, meter.key, RandomStream.faultDetail.rawValue, requestIndex)
            return .exception(detail < 0.5 ? 0x06 : 0x04)
        }
        edge += corruptCRCProbability
        if u < edge { return .corruptCRC }
        edge += slowProbability
        if u < edge { return .slow(slowDelay) }
        return .none
    }

    public func outages(for meter: MeterAddress) -> [Range<Date>] { outages[meter] ?? [] }
    public func registerResets(for meter: MeterAddress) -> [Date] { registerResets[meter] ?? [] }
}
