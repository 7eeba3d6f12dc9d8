/// Status bits a meter records with each interval of its load profile.
///
/// Modelled on the DLMS/COSEM AMR profile status and MV-90 status: the bits are the
/// meter's own statement about the interval and travel with it into VEE.
public struct IntervalStatus: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Supply was lost during the interval (all or part of it).
    public static let powerDown = IntervalStatus(rawValue: 1 << 0)
    /// The meter clock was set during the interval, so it is short or long.
    public static let clockAdjusted = IntervalStatus(rawValue: 1 << 1)
    public static let clockInvalid = IntervalStatus(rawValue: 1 << 2)
    public static let dataNotValid = IntervalStatus(rawValue: 1 << 3)
    public static let daylightSaving = IntervalStatus(rawValue: 1 << 4)
    public static let recoveredValue = IntervalStatus(rawValue: 1 << 5)
    /// The energy register was reset (or the meter restarted) during the interval.
    public static let hardwareReset = IntervalStatus(rawValue: 1 << 6)
    public static let overflow = IntervalStatus(rawValue: 1 << 7)
    public static let parityError = IntervalStatus(rawValue: 1 << 8)

    /// Names of the set bits, for reports and logs.
    public var names: [String] {
        let all: [(IntervalStatus, String)] = [
            (.powerDown, "power-down"), (.clockAdjusted, "clock-adjusted"), (.clockInvalid, "clock-invalid"),
            (.dataNotValid, "data-not-valid"), (.daylightSaving, "dst"), (.recoveredValue, "recovered"),
            (.hardwareReset, "reset"), (.overflow, "overflow"), (.parityError, "parity-error"),
        ]
        return all.filter { contains($0.0) }.map(\.1)
    }
}
