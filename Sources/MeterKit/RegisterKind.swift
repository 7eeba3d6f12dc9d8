/// Which Modbus register table a value lives in.
///
/// Meters split their maps: Eastron puts measurements in input registers (function 04) and
/// configuration in holding registers (03), SunSpec puts everything in holding registers.
/// A point must name its table because the same address means different things in each.
public enum RegisterKind: String, Sendable, Hashable, Codable, CaseIterable {
    case holding
    case input

    /// The Modbus function code that reads this table.
    public var readFunctionCode: UInt8 { self == .holding ? 0x03 : 0x04 }
}
