/// The encoding of a value held in one or more consecutive 16-bit registers.
///
/// `acc32` and `acc64` are SunSpec accumulators: unsigned counters whose value 0 means
/// "not implemented", unlike `u32` and `u64` whose sentinel is all ones.
public enum RegisterType: Sendable, Hashable {
    case u16, i16, u32, i32, u64, i64, acc32, acc64, float32, float64
    /// Text packed two characters per register, NUL or space padded.
    case ascii(registers: Int)

    /// How many 16-bit registers one value occupies.
    public var registerCount: Int {
        switch self {
        case .u16, .i16: 1
        case .u32, .i32, .acc32, .float32: 2
        case .u64, .i64, .acc64, .float64: 4
        case .ascii(let registers): registers
        }
    }

    /// The spelling used in device profiles and on the command line (`float32`, `ascii`).
    public var name: String {
        switch self {
        case .u16: "u16"
        case .i16: "i16"
        case .u32: "u32"
        case .i32: "i32"
        case .u64: "u64"
        case .i64: "i64"
        case .acc32: "acc32"
        case .acc64: "acc64"
        case .float32: "float32"
        case .float64: "float64"
        case .ascii: "ascii"
        }
    }

    /// Every numeric type name, for error messages that list what is accepted.
    public static let numericNames = ["u16", "i16", "u32", "i32", "u64", "i64", "acc32", "acc64", "float32", "float64"]

    /// Parses a type name; `ascii` needs its register count from elsewhere, so `length`
    /// (in registers) is required for it and ignored otherwise.
    public init?(name: String, length: Int? = nil) {
        switch name.lowercased() {
        case "u16", "uint16": self = .u16
        case "i16", "int16": self = .i16
        case "u32", "uint32": self = .u32
        case "i32", "int32": self = .i32
        case "u64", "uint64": self = .u64
        case "i64", "int64": self = .i64
        case "acc32": self = .acc32
        case "acc64": self = .acc64
        case "float32", "f32", "float": self = .float32
        case "float64", "f64", "double": self = .float64
        case "ascii", "string":
            guard let length, length > 0 else { return nil }
            self = .ascii(registers: length)
        default: return nil
        }
    }
}
