/// How the bytes of a multi-register value are laid out across its 16-bit registers.
///
/// Letters name the bytes of the value from most to least significant (A is the most
/// significant byte of a 32-bit value). `ABCD` is big-endian registers in big-endian order
/// (the Modbus default); `CDAB` swaps the registers ("word swap", common on meters);
/// `BADC` swaps the bytes inside each register; `DCBA` is fully little-endian.
/// For 64-bit values `CDAB` reverses the order of all four registers (not within pairs),
/// `BADC` swaps the bytes within each register, and `DCBA` does both.
public enum WordOrder: String, Sendable, Hashable, Codable, CaseIterable {
    case abcd = "ABCD"
    case cdab = "CDAB"
    case badc = "BADC"
    case dcba = "DCBA"

    /// Whether the registers come least significant first.
    public var reversesRegisters: Bool { self == .cdab || self == .dcba }
    /// Whether the two bytes inside each register are swapped.
    public var swapsBytes: Bool { self == .badc || self == .dcba }
}
