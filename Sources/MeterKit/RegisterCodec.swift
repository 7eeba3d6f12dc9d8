/// Converts between raw Modbus register words and typed register values.
///
/// Both directions go through one canonical form: the value's bytes most significant first
/// (`ABCD`). Reversing the registers and swapping the bytes inside each register each undo
/// themselves and commute with each other, so one reordering step serves decode and encode
/// alike, which is what makes `encode` the exact inverse of `decode`.
///
/// Text (`ascii`) is almost always sent `ABCD` (first character in the high byte of the
/// first register). The word order is still applied to it, so a device whose map says
/// `BADC` for everything decodes its strings consistently with its numbers.
public enum RegisterCodec {
    /// Decodes the registers that hold exactly one value of `type`.
    ///
    /// Returns nil when the meter says "no value": a SunSpec "not implemented" pattern (only
    /// while `sentinels` is true, because on some points all ones is a real reading), any
    /// float NaN (never a measurement, whatever `sentinels` says) and, while `sentinels` is
    /// true, text that is empty after trimming. Infinities decode as they are.
    ///
    /// - Throws: `.wrongRegisterCount` unless `registers` holds exactly
    ///   `type.registerCount` words, since a short or long read means the map is wrong and
    ///   guessing which words belong to the value would hide that; `.invalidTextLength`
    ///   for an `ascii` type without registers.
    public static func decode(
        _ registers: some Collection<UInt16>,
        as type: RegisterType,
        order: WordOrder,
        sentinels: Bool = true
    ) throws(RegisterCodecError) -> RegisterValue? {
        // One non-generic body for every collection: a generic function called from another
        // module runs unspecialized, and walking the words through the collection's witnesses
        // cost more than the decoding (a poll decodes every point of every meter).
        let decoded = registers.withContiguousStorageIfAvailable { words in
            Result { () throws(RegisterCodecError) in try decode(words, as: type, order: order, sentinels: sentinels) }
        } ?? Array(registers).withUnsafeBufferPointer { words in
            Result { () throws(RegisterCodecError) in try decode(words, as: type, order: order, sentinels: sentinels) }
        }
        return try decoded.get()
    }

    private static func decode(
        _ registers: UnsafeBufferPointer<UInt16>, as type: RegisterType, order: WordOrder, sentinels: Bool
    ) throws(RegisterCodecError) -> RegisterValue? {
        let count = try registerCount(of: type)
        guard registers.count == count else {
            throw .wrongRegisterCount(expected: count, got: registers.count)
        }
        if case .ascii = type { return decodeText(reorder(Array(registers), order), sentinels: sentinels) }

        // A number is at most four registers: put them in `ABCD` order straight into its bits,
        // without the copies `reorder` makes.
        var bits: UInt64 = 0
        for (position, register) in registers.enumerated() {
            let word = UInt64(order.swapsBytes ? register.byteSwapped : register)
            bits = order.reversesRegisters ? bits | word << (16 * UInt64(position)) : bits << 16 | word
        }
        if sentinels, bits == sentinelBits(for: type) { return nil }
        switch type {
        case .u16, .u32, .u64, .acc32, .acc64:
            return .unsigned(bits)
        case .i16:
            return .signed(Int64(Int16(truncatingIfNeeded: bits)))
        case .i32:
            return .signed(Int64(Int32(truncatingIfNeeded: bits)))
        case .i64:
            return .signed(Int64(bitPattern: bits))
        case .float32:
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: bits))
            return value.isNaN ? nil : .real(Double(value))
        case .float64:
            let value = Double(bitPattern: bits)
            return value.isNaN ? nil : .real(value)
        case .ascii:
            return nil  // handled above; kept so the switch stays exhaustive without `default`
        }
    }

    /// Encodes `value` as the registers a meter would send for it, in `order`.
    ///
    /// The meter emulator serves profile points from plain numbers, so numbers cross kinds:
    /// a `.real` bound for an integer register is rounded to nearest (halves away from zero,
    /// as a meter's firmware would), and integers bound for a float register are converted.
    /// A value that happens to equal a sentinel pattern is encoded, not refused, because the
    /// emulator must be able to send exactly what a real meter sends.
    ///
    /// - Throws: `.valueOutOfRange` when the value cannot be represented (70000 as `u16`,
    ///   a negative number as unsigned, NaN as an integer, text too long or not printable
    ///   ASCII), `.typeMismatch` for text as a number or a number as text, and
    ///   `.invalidTextLength` for an `ascii` type without registers.
    public static func encode(
        _ value: RegisterValue,
        as type: RegisterType,
        order: WordOrder
    ) throws(RegisterCodecError) -> [UInt16] {
        let count = try registerCount(of: type)
        let bits: UInt64
        switch type {
        case .ascii:
            return reorder(try encodeText(value, registers: count), order)
        case .u16, .u32, .u64, .acc32, .acc64:
            bits = try unsignedBits(value, type: type)
        case .i16, .i32, .i64:
            bits = try signedBits(value, type: type)
        case .float32:
            let wide = try real(value, type: type)
            let narrow = Float(wide)
            guard narrow.isFinite || !wide.isFinite else {
                throw .valueOutOfRange("\(wide) exceeds the float32 range")
            }
            bits = UInt64(narrow.bitPattern)
        case .float64:
            bits = try real(value, type: type).bitPattern
        }
        return reorder(words(of: bits, count: count), order)
    }

    /// The "not implemented" pattern a meter sends for a point it does not support, in
    /// `order`; the emulator uses it so clients see exactly what an incomplete meter sends.
    /// For `ascii` that is all NUL; an `ascii` type without registers gives no words.
    public static func encodeSentinel(for type: RegisterType, order: WordOrder) -> [UInt16] {
        guard let bits = sentinelBits(for: type) else {
            return Array(repeating: 0, count: max(type.registerCount, 0))
        }
        return reorder(words(of: bits, count: type.registerCount), order)
    }

    // MARK: - Layout

    /// Converts between `ABCD` and `order`; applying it twice gives back the input.
    private static func reorder(_ words: [UInt16], _ order: WordOrder) -> [UInt16] {
        let ordered = order.reversesRegisters ? Array(words.reversed()) : words
        return order.swapsBytes ? ordered.map(\.byteSwapped) : ordered
    }

    /// The low `count` 16-bit words of `bits`, most significant first.
    private static func words(of bits: UInt64, count: Int) -> [UInt16] {
        (0..<count).reversed().map { UInt16(truncatingIfNeeded: bits >> (16 * UInt64($0))) }
    }

    /// The register count of `type`, refusing text types that could hold nothing; such a
    /// type can only come from a broken profile, and decoding it would always say "no value".
    private static func registerCount(of type: RegisterType) throws(RegisterCodecError) -> Int {
        let count = type.registerCount
        if case .ascii = type, count < 1 { throw .invalidTextLength(registers: count) }
        return count
    }

    /// The SunSpec "not implemented" bit pattern of a numeric type (nil for text).
    /// Floats use the canonical quiet NaN; when decoding, any NaN counts.
    private static func sentinelBits(for type: RegisterType) -> UInt64? {
        switch type {
        case .u16: 0xFFFF
        case .i16: 0x8000
        case .u32: 0xFFFF_FFFF
        case .i32: 0x8000_0000
        case .u64: 0xFFFF_FFFF_FFFF_FFFF
        case .i64: 0x8000_0000_0000_0000
        case .acc32, .acc64: 0
        case .float32: UInt64(Float.nan.bitPattern)
        case .float64: Double.nan.bitPattern
        case .ascii: nil
        }
    }

    // MARK: - Numbers

    private static func unsignedBits(_ value: RegisterValue, type: RegisterType) throws(RegisterCodecError) -> UInt64 {
        let width = 16 * type.registerCount
        let maximum = width == 64 ? UInt64.max : (UInt64(1) << width) - 1
        let number: UInt64?
        switch value {
        case .unsigned(let v): number = v
        case .signed(let v): number = UInt64(exactly: v)
        case .real(let v): number = UInt64(exactly: v.rounded(.toNearestOrAwayFromZero))
        case .text: throw mismatch(value, type)
        }
        guard let number, number <= maximum else {
            throw .valueOutOfRange("\(describe(value)) does not fit \(type.name) (0...\(maximum))")
        }
        return number
    }

    private static func signedBits(_ value: RegisterValue, type: RegisterType) throws(RegisterCodecError) -> UInt64 {
        let width = 16 * type.registerCount
        let maximum = width == 64 ? Int64.max : (Int64(1) << (width - 1)) - 1
        let minimum = -maximum - 1
        let number: Int64?
        switch value {
        case .unsigned(let v): number = Int64(exactly: v)
        case .signed(let v): number = v
        case .real(let v): number = Int64(exactly: v.rounded(.toNearestOrAwayFromZero))
        case .text: throw mismatch(value, type)
        }
        guard let number, number >= minimum, number <= maximum else {
            throw .valueOutOfRange("\(describe(value)) does not fit \(type.name) (\(minimum)...\(maximum))")
        }
        return UInt64(bitPattern: number)  // `words(of:count:)` keeps only the low words
    }

    private static func real(_ value: RegisterValue, type: RegisterType) throws(RegisterCodecError) -> Double {
        switch value {
        case .unsigned(let v): Double(v)
        case .signed(let v): Double(v)
        case .real(let v): v
        case .text: throw mismatch(value, type)
        }
    }

    // MARK: - Text

    /// Printable ASCII; everything else in a register string is replaced, so a meter with
    /// garbage or Latin-1 in its name field still yields a readable string.
    private static let printable: ClosedRange<UInt8> = 0x20...0x7E

    /// Text ends at the first NUL (anything after it is leftover buffer content on many
    /// meters); trailing spaces are padding. Leading spaces are kept as sent.
    private static func decodeText(_ words: [UInt16], sentinels: Bool) -> RegisterValue? {
        var bytes = words.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
        if let end = bytes.firstIndex(of: 0) { bytes.removeSubrange(end...) }
        while bytes.last == 0x20 { bytes.removeLast() }
        var text = ""
        text.unicodeScalars.append(contentsOf: bytes.map { printable.contains($0) ? Unicode.Scalar($0) : "?" })
        if sentinels, text.isEmpty { return nil }
        return .text(text)
    }

    /// Canonical (`ABCD`) words of `value`, NUL padded to `registers`.
    private static func encodeText(_ value: RegisterValue, registers: Int) throws(RegisterCodecError) -> [UInt16] {
        guard case .text(let text) = value else { throw mismatch(value, .ascii(registers: registers)) }
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.isASCII, printable.contains(UInt8(scalar.value)) else {
                let code = String(scalar.value, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
                throw .valueOutOfRange("text contains U+\(padded), which is not printable ASCII")
            }
            bytes.append(UInt8(scalar.value))
        }
        let capacity = 2 * registers
        guard bytes.count <= capacity else {
            throw .valueOutOfRange("text of \(bytes.count) characters does not fit \(registers) registers (at most \(capacity))")
        }
        bytes += Array(repeating: 0, count: capacity - bytes.count)
        return (0..<registers).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
    }

    // MARK: - Messages

    private static func mismatch(_ value: RegisterValue, _ type: RegisterType) -> RegisterCodecError {
        let what = if case .text = value { "text" } else { "a number" }
        return .typeMismatch("\(what) cannot be encoded as \(type.name)")
    }

    private static func describe(_ value: RegisterValue) -> String {
        switch value {
        case .unsigned(let v): "\(v)"
        case .signed(let v): "\(v)"
        case .real(let v): "\(v)"
        case .text(let v): "\"\(v)\""
        }
    }
}

/// Why registers could not be decoded or a value could not be encoded.
public enum RegisterCodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The read returned a different number of registers than the type occupies.
    case wrongRegisterCount(expected: Int, got: Int)
    /// The value cannot be represented in the type; the text says which value and why.
    case valueOutOfRange(String)
    /// Text offered for a numeric type or a number for a text type.
    case typeMismatch(String)
    /// An `ascii` type declared with fewer than one register.
    case invalidTextLength(registers: Int)

    /// Reads as the tail of a one-line CLI error (`error: <description>`).
    public var description: String {
        switch self {
        case .wrongRegisterCount(let expected, let got):
            "expected \(expected) register\(expected == 1 ? "" : "s"), got \(got)"
        case .valueOutOfRange(let detail):
            "value out of range: \(detail)"
        case .typeMismatch(let detail):
            "type mismatch: \(detail)"
        case .invalidTextLength(let registers):
            "ascii needs at least 1 register, got \(registers)"
        }
    }
}
