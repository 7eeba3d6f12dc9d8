/// A value decoded from registers, before scaling and unit conversion.
public enum RegisterValue: Sendable, Hashable {
    case unsigned(UInt64)
    case signed(Int64)
    case real(Double)
    case text(String)

    /// The value as a number, or nil for text.
    public var number: Double? {
        switch self {
        case .unsigned(let v): Double(v)
        case .signed(let v): Double(v)
        case .real(let v): v
        case .text: nil
        }
    }
}
