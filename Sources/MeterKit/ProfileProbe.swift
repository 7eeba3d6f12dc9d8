/// How a bus scan recognises a meter family from a few reads.
///
/// Families are told apart by what they report about themselves (a model code, a model
/// text, a SunSpec model id); a plausibility check on a measurement is the fallback for
/// meters that report nothing, and is weaker, so scans try it last.
public enum ProfileProbe: Sendable, Hashable {
    /// The meter's SunSpec chain holds this model id (implied by a `sunspec` profile).
    case sunSpecModel(UInt16)
    /// An identification register reads this value: text as reported (trailing spaces and
    /// NULs removed), a number in decimal.
    case identification(IdentificationField, equals: String)
    /// The point reads a value within the range.
    case point(PointName, within: ClosedRange<Double>)

    /// Exact signatures first: a plausibility probe would also match the families that
    /// have an exact one.
    public var isExact: Bool {
        if case .point = self { return false }
        return true
    }
}
