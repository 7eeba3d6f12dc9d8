/// Which simulated meter: a Modbus unit id on one line of the emulator.
///
/// A Modbus unit id has 8 bits (1 ... 247 usable), but a test rig runs hundreds of meters,
/// so the emulator serves several lines (serial buses or TCP endpoints), each with its own
/// unit ids. The address is also the meter's key into the deterministic random streams;
/// on line 0 the key equals the unit id, so single-line setups can think in unit ids.
public struct MeterAddress: Sendable, Hashable, Comparable, Codable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var line: UInt16
    public var unit: UInt8

    public init(line: UInt16 = 0, unit: UInt8) {
        self.line = line
        self.unit = unit
    }

    /// Unit `value` on line 0.
    public init(integerLiteral value: UInt8) {
        self.init(unit: value)
    }

    /// The meter's key into `DeterministicRandom`: line in the high bits, unit in the low 8.
    public var key: UInt64 { UInt64(line) << 8 | UInt64(unit) }

    public var description: String { line == 0 ? "unit \(unit)" : "line \(line) unit \(unit)" }

    public static func < (lhs: MeterAddress, rhs: MeterAddress) -> Bool { lhs.key < rhs.key }
}
