import Foundation

/// When a newly computed interval is stored as a new revision over the latest stored one.
///
/// Revisions are append-only: the store keeps every version, and this decides whether the
/// computed one is news. Late actual data (the meter's stored profile read after an outage)
/// replaces an estimate; an estimate or a missing value never replaces actual data; the
/// meter's profile replaces register-derived values, never the other way round.
public enum Revisions {
    /// Values closer than this (Wh) are the same value (rounding in storage).
    public static let valueToleranceWh = 0.0005

    /// Whether `computed` must be stored as a new revision over `latest`.
    /// - Parameters:
    ///   - computed: the interval as derivation, estimation and validation made it now.
    ///   - latest: the latest stored revision of the same interval; nil when nothing is
    ///     stored yet (then true unless `computed` has no value and no estimate).
    /// - Returns: true when the value differs by more than `valueToleranceWh`, or the
    ///   quality, source, estimation method or flags differ, and the change does not
    ///   replace a stored value with a missing one or with one of lower source precedence
    ///   (estimate < registers < meter profile).
    public static func supersedes(_ computed: EnergyInterval, latest: EnergyInterval?) -> Bool {
        guard let latest else { return computed.energyWh != nil || computed.estimation != nil }
        if latest.energyWh != nil {
            // A stored value is never replaced by a missing one (estimation found nothing).
            guard computed.energyWh != nil else { return false }
            // Actual data is never replaced by an estimate, nor profile data by register data.
            if latest.source != .estimate, computed.source.precedence < latest.source.precedence { return false }
        }
        return valueDiffers(computed.energyWh, latest.energyWh) || computed.quality != latest.quality
            || computed.source != latest.source || computed.estimation != latest.estimation || computed.flags != latest.flags
    }

    private static func valueDiffers(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case let (a?, b?): abs(a - b) > valueToleranceWh
        case (nil, nil): false
        default: true
        }
    }
}
