import Testing
import MeterKit

@Suite("Scale")
struct ScaleTests {
    /// A SunSpec scale-factor register, e.g. W_SF next to W in model 201.
    let sunSpec = Scale.powerOfTen(register: 40_092, kind: .holding)

    @Test(arguments: [
        // 1234 * 10^-2 = 12.34, computed as 1234 / 100.
        (1234.0, Int16(-2), 12.34),
        // 2305 * 10^-1 = 230.5 V.
        (2305, -1, 230.5),
        // 35 * 10^-2 = 0.35 (35 * 0.01 would give 0.35000000000000003).
        (35, -2, 0.35),
        // 230 * 10^0 = 230, unchanged.
        (230, 0, 230),
        // 5 * 10^3 = 5000.
        (5, 3, 5000),
        // -1500 * 10^-3 = -1.5 (negative reading, e.g. exported power).
        (-1500, -3, -1.5),
        // 7 * 10^-10 = 0.0000000007, SunSpec's smallest exponent.
        (7, -10, 7e-10),
    ])
    func powerOfTenScalesExactlyLikeADecimalLiteral(raw: Double, exponent: Int16, expected: Double) {
        #expect(sunSpec.apply(to: raw, exponent: exponent) == expected)
    }

    @Test func divisionIsExactWhereMultiplyingByTheFractionIsNot() {
        // The reason Scale divides: 0.01 is inexact, so the product misses 0.35.
        #expect(35 * 0.01 != 0.35)
        #expect(sunSpec.apply(to: 35, exponent: -2) == 0.35)
    }

    @Test func everyHundredthFromZeroTo99_99MatchesItsDecimalLiteral() throws {
        for raw in 0...9999 {
            let cents = raw % 100
            let literal = "\(raw / 100).\(cents < 10 ? "0" : "")\(cents)"
            let expected = try #require(Double(literal))
            #expect(sunSpec.apply(to: Double(raw), exponent: -2) == expected, "\(literal)")
        }
    }

    @Test func sentinelExponentGivesNoValue() throws {
        // The scale-factor register holds 0x8000, SunSpec's "not implemented" i16.
        let exponent = try RegisterCodec.decode([0x8000], as: .i16, order: .abcd)
        #expect(exponent == nil)
        #expect(sunSpec.apply(to: 1234, exponent: nil) == nil)
    }

    @Test func exponentDecodedFromItsRegisterScalesTheValue() throws {
        // W_SF = -2 arrives as 0x10000 - 2 = 0xFFFE; W = 1234 arrives as 0x04D2.
        guard case .signed(let sf)? = try RegisterCodec.decode([0xFFFE], as: .i16, order: .abcd),
              let watts = try RegisterCodec.decode([0x04D2], as: .u16, order: .abcd)?.number
        else {
            Issue.record("registers did not decode")
            return
        }
        let exponent = try #require(Int16(exactly: sf))
        #expect(sunSpec.apply(to: watts, exponent: exponent) == 12.34)
    }

    @Test func noneAndFactorIgnoreTheExponent() {
        #expect(Scale.none.apply(to: 230.5, exponent: nil) == 230.5)
        #expect(Scale.none.apply(to: 230.5, exponent: 3) == 230.5)
        // 2305 * 0.5 = 1152.5, exact since 0.5 is a power of two.
        #expect(Scale.factor(0.5).apply(to: 2305, exponent: nil) == 1152.5)
        #expect(Scale.factor(0.5).apply(to: 2305, exponent: -2) == 1152.5)
    }

    @Test func exponentsBeyondExactPowersOfTenStillScale() throws {
        // 10^22 is the largest exact power; 10^23 and beyond are applied in steps, each
        // rounded, so the result may be an ulp or two off the literal (1 / 1e22 / 10 is).
        let large = try #require(sunSpec.apply(to: 1, exponent: 23))
        let small = try #require(sunSpec.apply(to: 1, exponent: -23))
        #expect(abs(large - 1e23) <= 2 * 1e23.ulp)
        #expect(abs(small - 1e-23) <= 2 * 1e-23.ulp)
        // A garbage exponent saturates instead of looping or crashing.
        #expect(sunSpec.apply(to: 1, exponent: Int16.max) == .infinity)
        #expect(sunSpec.apply(to: 1, exponent: Int16.min + 1) == 0)
    }

    @Test func scalesWithDifferentRegistersAreDifferent() {
        #expect(Scale.powerOfTen(register: 1, kind: .holding) != Scale.powerOfTen(register: 1, kind: .input))
        #expect(Scale.powerOfTen(register: 1, kind: .holding) != Scale.powerOfTen(register: 2, kind: .holding))
    }
}
