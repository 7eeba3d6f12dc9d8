/// Stateless pseudo-random numbers keyed by what they describe.
///
/// A test rig must see the same meter readings whatever order requests arrive in, how many
/// connections poll, or when the emulator was started. A stateful generator would make
/// each number depend on how many were drawn before it, so instead every number is a hash
/// of its coordinates: (fleet seed, meter key, stream, index). Asking twice for the same
/// coordinates gives the same number; asking for a different index never disturbs others.
///
/// The mixing function is the SplitMix64 finaliser (Steele, Lea and Flood, "Fast
/// splittable pseudorandom number generators", OOPSLA 2014): a bijection on 64 bits with
/// good avalanche, so neighbouring indices give unrelated outputs. This is not a
/// cryptographic generator and must not be used as one.
public enum DeterministicRandom {
    /// The 64-bit golden ratio increment of SplitMix64; spreads small keys apart.
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// SplitMix64's output function: a bijective 64-bit mix.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ gamma
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A 64-bit hash of `seed` and `keys`, order sensitive (keys (1, 2) and (2, 1) differ).
    public static func hash(seed: UInt64, _ keys: UInt64...) -> UInt64 {
        hash(seed: seed, keys: keys)
    }

    /// Array form of `hash(seed:_:)`, for callers that build keys dynamically.
    public static func hash(seed: UInt64, keys: [UInt64]) -> UInt64 {
        var state = mix(seed)
        for key in keys {
            // Mixing the key before combining keeps (k, 0) and (0, k) from colliding.
            state = mix(state ^ mix(key &+ 0x632B_E59B_D9B4_E019))
        }
        return state
    }

    /// Fixed-arity fast path for the hot loops of the energy model (no array allocation).
    @inline(__always)
    static func hash(_ seed: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        let salt: UInt64 = 0x632B_E59B_D9B4_E019
        var state = mix(seed)
        state = mix(state ^ mix(a &+ salt))
        state = mix(state ^ mix(b &+ salt))
        return mix(state ^ mix(c &+ salt))
    }

    /// A uniform number in [0, 1) from the top 53 bits of a hash (every value exactly
    /// representable, so results are identical on every platform).
    public static func unit(seed: UInt64, _ keys: UInt64...) -> Double {
        unit(fromHash: hash(seed: seed, keys: keys))
    }

    /// A uniform number in [-1, 1).
    public static func symmetric(seed: UInt64, _ keys: UInt64...) -> Double {
        2 * unit(fromHash: hash(seed: seed, keys: keys)) - 1
    }

    /// A normal-ish variate: mean 0, standard deviation 1, bounded to ±3.46.
    ///
    /// The sum of four uniforms (Irwin–Hall) is close enough to a bell for noise on loads
    /// and voltages, and its bounded range means a noise term can never drive an energy
    /// negative, which a true Gaussian occasionally would.
    public static func normal(seed: UInt64, _ keys: UInt64...) -> Double {
        let base = hash(seed: seed, keys: keys)
        var sum = 0.0
        for draw in 0..<UInt64(4) { sum += unit(fromHash: mix(base ^ mix(draw))) }
        // Irwin–Hall(4): mean 2, variance 4/12.
        return (sum - 2) / (4.0 / 12.0).squareRoot()
    }

    /// Fixed-arity uniform in [0, 1) for hot loops.
    @inline(__always)
    static func unit(_ seed: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> Double {
        unit(fromHash: hash(seed, a, b, c))
    }

    /// Fixed-arity uniform in [-1, 1) for hot loops.
    @inline(__always)
    static func symmetric(_ seed: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> Double {
        2 * unit(fromHash: hash(seed, a, b, c)) - 1
    }

    @inline(__always)
    static func unit(fromHash h: UInt64) -> Double {
        Double(h >> 11) * 0x1.0p-53
    }
}

/// The independent random streams of one meter. Each quantity draws from its own stream so
/// that adding a new kind of noise later never shifts the values of existing ones.
public enum RandomStream: UInt64, Sendable, CaseIterable {
    case meterScale = 1
    case initialRegister = 2
    case dayNoise = 3
    case intervalNoise = 4
    case voltage = 5
    case frequency = 6
    case serialNumber = 7
    case faultKind = 8
    case faultDetail = 9
    case fleetClass = 10
    case clockDrift = 11
    case clockOffset = 12
}

extension Int64 {
    /// The two's-complement bit pattern, so negative indices (instants before 1970) still
    /// key the generator without trapping.
    var randomKey: UInt64 { UInt64(bitPattern: self) }
}

extension Int {
    var randomKey: UInt64 { UInt64(bitPattern: Int64(self)) }
}
