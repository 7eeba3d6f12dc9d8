/// The quality of one interval value, as Green Button (NAESB ESPI ReadingQuality) codes it.
///
/// Only the codes the gateway itself assigns are listed: actual data is valid (0) or
/// questionable (10) after validation; an estimate says how it was made (8 or 9), and
/// `EstimationMethod` keeps the internal reason.
public enum IntervalQuality: Int, Sendable, Hashable, Codable, CaseIterable {
    case valid = 0
    case estimatedReferenceDay = 8
    case estimatedLinear = 9
    case questionable = 10

    public var isEstimate: Bool { self == .estimatedReferenceDay || self == .estimatedLinear }

    public var label: String {
        switch self {
        case .valid: "valid"
        case .estimatedReferenceDay: "estimated (reference day)"
        case .estimatedLinear: "estimated (linear)"
        case .questionable: "questionable"
        }
    }
}

/// Where an interval's value came from. The meter's own recorded profile is authoritative;
/// register reads come next; an estimate only fills what neither covers.
public enum IntervalSource: String, Sendable, Hashable, Codable, CaseIterable {
    case meterProfile = "profile"
    case registerReads = "registers"
    case estimate = "estimate"

    /// Higher wins when two sources cover one interval.
    public var precedence: Int {
        switch self {
        case .meterProfile: 2
        case .registerReads: 1
        case .estimate: 0
        }
    }
}

/// How an estimate was made: the internal reason next to the Green Button code.
public enum EstimationMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// The cumulative register interpolated in time across a short read gap (code 9).
    case linearInterpolation = "linear"
    /// The shape of like days scaled to the register delta across the gap (code 8).
    case likeDay = "like-day"
    /// A long gap with no like days: the register delta spread evenly (code 9).
    case proratedFlat = "prorated-flat"
    /// At the edge of the data: the nearest good value held until real data arrives (code 9).
    case flatHold = "flat-hold"

    public var quality: IntervalQuality { self == .likeDay ? .estimatedReferenceDay : .estimatedLinear }
}
