import Foundation
import MeterKit

/// Turns the emulator's numbers into the words a meter of a given family would send,
/// behaving the way meter firmware does at the edges rather than failing.
enum MeterValueEncoder {
    /// Encodes a number for `location`.
    ///
    /// - Accumulators in unsigned integer registers wrap around at 2^bits, as real
    ///   registers roll over (domain brief section 4: a 32-bit Wh register wraps at
    ///   4.295 GWh); the gateway's VEE must recognise the rollover.
    /// - Other integers saturate one step short of the type's limit, so a saturated reading
    ///   never looks like the "not implemented" sentinel.
    /// - Non-finite numbers, text registers and floats beyond float32 range send the sentinel.
    static func encode(_ value: Double, for location: RegisterLocation, wraps: Bool) -> [UInt16] {
        let type = location.type
        let sentinel = RegisterCodec.encodeSentinel(for: type, order: location.order)
        guard value.isFinite else { return sentinel }
        let registerValue: RegisterValue
        switch type {
        case .ascii:
            return sentinel
        case .float32, .float64:
            registerValue = .real(value)
        case .u16, .u32, .u64, .acc32, .acc64:
            let bits = 16 * type.registerCount
            let rounded = value.rounded(.toNearestOrAwayFromZero)
            if wraps, rounded >= 0, bits < 64 {
                let modulus = Double(UInt64(1) << UInt64(bits))
                registerValue = .unsigned(UInt64(rounded.truncatingRemainder(dividingBy: modulus)))
            } else {
                let limit = bits == 64 ? UInt64.max - 1 : (UInt64(1) << UInt64(bits)) - 2
                // Doubles round 2^64 - 2 up to 2^64, so compare before converting.
                let clamped = rounded <= 0 ? 0 : (rounded >= Double(limit) ? limit : UInt64(rounded))
                registerValue = .unsigned(clamped)
            }
        case .i16, .i32, .i64:
            let bits = 16 * type.registerCount
            let limit = bits == 64 ? Int64.max - 1 : (Int64(1) << Int64(bits - 1)) - 1
            let rounded = value.rounded(.toNearestOrAwayFromZero)
            let clamped = rounded >= Double(limit) ? limit : (rounded <= -Double(limit) ? -limit : Int64(rounded))
            registerValue = .signed(clamped)
        }
        return (try? RegisterCodec.encode(registerValue, as: type, order: location.order)) ?? sentinel
    }

    /// Encodes an identification string: as text for `ascii` registers (cut to fit and
    /// non-printable characters dropped), as the number its digits spell otherwise (an
    /// integer serial number; firmware "1.04" becomes 104).
    static func encode(text: String, for location: RegisterLocation) -> [UInt16] {
        let sentinel = RegisterCodec.encodeSentinel(for: location.type, order: location.order)
        if case .ascii(let registers) = location.type {
            let printable = text.unicodeScalars.filter { $0.isASCII && (0x20...0x7E).contains($0.value) }
            let fitted = String(String.UnicodeScalarView(printable.prefix(2 * max(registers, 0))))
            return (try? RegisterCodec.encode(.text(fitted), as: location.type, order: location.order)) ?? sentinel
        }
        let digits = text.filter(\.isASCII).filter(\.isNumber)
        guard !digits.isEmpty, let number = Double(digits) else { return sentinel }
        return encode(number, for: location, wraps: false)
    }

    /// The preferred SunSpec scale factor of a quantity: the resolution meters commonly
    /// publish (0.1 V, 0.01 A, 1 W, 0.001 PF, 0.01 Hz, 1 Wh).
    static func preferredExponent(for dimension: MeasurementUnit.Dimension) -> Int {
        switch dimension {
        case .voltage: -1
        case .current: -2
        case .activePower, .apparentPower, .reactivePower: 0
        case .activeEnergy, .reactiveEnergy: 0
        case .frequency: -2
        case .ratio: -3
        case .time: 0
        }
    }

    /// The exponent a shared scale-factor register holds: the finest resolution preferred
    /// by any of its points that still lets every point's rated magnitude fit its register.
    /// Based on ratings, not momentary values, so the factor stays put while power swings.
    static func scaleExponent(points: [(definition: PointDefinition, rated: Double)]) -> Int16 {
        guard !points.isEmpty else { return 0 }
        var exponent = points.map { preferredExponent(for: $0.definition.unit.dimension) }.min() ?? 0
        while exponent < 10, !points.allSatisfy({ fits($0.rated / $0.definition.unit.factor(to: $0.definition.name.canonicalUnit), exponent, $0.definition.location.type) }) {
            exponent += 1
        }
        return Int16(exponent)
    }

    private static func fits(_ magnitude: Double, _ exponent: Int, _ type: RegisterType) -> Bool {
        let raw = abs(magnitude) / pow(10, Double(exponent))
        switch type {
        case .u16: return raw < 65_535
        case .i16: return raw < 32_767
        case .u32, .acc32: return raw < 4_294_967_295
        case .i32: return raw < 2_147_483_647
        case .u64, .i64, .acc64, .float32, .float64, .ascii: return true
        }
    }
}
