/// Increasing energy blocks over a cycle's energy: on the total, or on one band (TOD A's
/// blocks apply to its day band only).
///
/// `upperBoundsKWh` [90, 230] makes three blocks: the first 90 kWh, the next 140 kWh and
/// everything above 230 kWh. Tariff sheets write them "0-90, 91-230, 231+"; energy is
/// continuous, so 90.5 kWh puts 0.5 kWh in the second block.
public struct EnergyBlocks: Sendable, Hashable {
    /// Nil: the blocks apply to the total energy.
    public let band: String?
    public let upperBoundsKWh: [Double]

    public init(band: String? = nil, upperBoundsKWh: [Double]) {
        self.band = band
        self.upperBoundsKWh = upperBoundsKWh
    }

    /// The blocks as Wh bounds [from, to), the last open.
    public var boundsWh: [(from: Double, to: Double?)] {
        let edges = [0] + upperBoundsKWh.map { $0 * 1000 }
        return edges.indices.map { index in (edges[index], index + 1 < edges.count ? edges[index + 1] : nil) }
    }
}
