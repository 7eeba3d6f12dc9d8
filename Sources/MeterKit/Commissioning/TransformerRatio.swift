import Foundation

/// A current or voltage transformer ratio as a technician writes it: `200/5`, `11000/110`,
/// or a bare ratio `40`.
public struct TransformerRatio: Sendable, Hashable, Codable, CustomStringConvertible {
    public var primary: Double
    public var secondary: Double

    public init(primary: Double, secondary: Double = 1) {
        self.primary = primary
        self.secondary = secondary
    }

    /// Nil for text that is not `P/S` or `R` with positive finite numbers.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let primary = Double(parts[0]), primary.isFinite, primary > 0 else { return nil }
        let secondary = parts.count == 2 ? Double(parts[1]) : 1
        guard let secondary, secondary.isFinite, secondary > 0 else { return nil }
        self.init(primary: primary, secondary: secondary)
    }

    /// The multiplier the meter applies: primary over secondary.
    public var ratio: Double { primary / secondary }

    public var description: String {
        secondary == 1 ? Self.format(primary) : "\(Self.format(primary))/\(Self.format(secondary))"
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e12 ? String(Int64(value)) : String(value)
    }
}
