/// How a decoded raw number becomes the value the meter means, before unit conversion.
public enum Scale: Sendable, Hashable {
    /// The raw number is the value (typical for float registers).
    case none
    /// The raw number times a fixed factor from the meter's documentation.
    case factor(Double)
    /// A SunSpec scale factor: another register holds a signed (`i16`) power of ten, so the
    /// meter can change resolution at run time. Its "not implemented" pattern (0x8000)
    /// means the scaled value is unknown, not that it is unscaled.
    case powerOfTen(register: UInt16, kind: RegisterKind)

    /// Scales `raw`; `exponent` is the decoded scale-factor register, nil when it held the
    /// sentinel, and is ignored by scales that have no such register.
    ///
    /// Returns nil only for `.powerOfTen` without an exponent: guessing 10^0 would report a
    /// value off by orders of magnitude, which is worse than reporting none.
    public func apply(to raw: Double, exponent: Int16?) -> Double? {
        switch self {
        case .none:
            raw
        case .factor(let factor):
            raw * factor
        case .powerOfTen:
            exponent.map { Self.scale(raw, byPowerOfTen: Int($0)) }
        }
    }

    /// `value × 10^exponent` with a single correctly rounded operation for |exponent| ≤ 22.
    ///
    /// 0.01 is not exactly representable, so `1234 * 0.01` carries its error into the
    /// product; 100 is exact, so `1234 / 100` is the Double nearest to 12.34, exactly the
    /// literal `12.34`. That keeps readings like 230.5 V free of representation noise.
    /// Beyond 10^22 powers of ten are no longer exact Doubles; larger exponents (never seen
    /// in practice; SunSpec allows -10...10) are applied in exact steps and may round twice.
    static func scale(_ value: Double, byPowerOfTen exponent: Int) -> Double {
        var result = value
        var remaining = exponent
        let largest = exactPowersOfTen.count - 1
        // Stop stepping once the result saturates, so a garbage exponent costs no time.
        while abs(remaining) > largest, result.isFinite, result != 0 {
            let step = remaining > 0 ? largest : -largest
            result = apply(exactPowersOfTen[largest], to: result, positive: step > 0)
            remaining -= step
        }
        let power = exactPowersOfTen[min(abs(remaining), largest)]
        return apply(power, to: result, positive: remaining >= 0)
    }

    private static func apply(_ power: Double, to value: Double, positive: Bool) -> Double {
        positive ? value * power : value / power
    }

    /// 10^0 ... 10^22, every one exactly representable as a Double.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
