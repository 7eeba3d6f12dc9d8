import Foundation

/// Where `LoadCurveSVG` puts things: the plot area in SVG user units, x by instant and y by kW.
///
/// x is proportional to time since local midnight, not to the interval's index, so a 23- or
/// 25-hour DST day spreads its 92 or 100 quarter hours over the same width and every hour mark
/// sits where the wall clock says. y runs from 0 kW at the bottom to `scaleMaxKW` at the top,
/// four gridlines of a "nice" step (1, 2, 2.5 or 5 times a power of ten) apart.
public struct LoadCurveGeometry: Sendable, Hashable {
    /// The drawing's size in SVG user units (its `viewBox`).
    public static let width = 960.0
    public static let height = 288.0
    /// The plot area: left of it the kW labels, below it the hours and the legend.
    public static let plotLeft = 64.0
    public static let plotRight = 944.0
    public static let plotTop = 20.0
    public static let plotBottom = 240.0
    /// Gridlines above zero.
    public static let divisions = 4

    public static var plotWidth: Double { plotRight - plotLeft }
    public static var plotHeight: Double { plotBottom - plotTop }

    /// The local day drawn.
    public let range: Range<Date>
    /// The kW value at the top of the plot: `divisions` x `stepKW`.
    public let scaleMaxKW: Double
    /// kW between gridlines.
    public let stepKW: Double

    /// The geometry for a day whose highest interval average is `peakKW` (nil or not above
    /// zero: a 1 kW scale, so an empty or all-zero day still has an axis).
    public init(range: Range<Date>, peakKW: Double?) {
        self.range = range
        let peak = peakKW.flatMap { $0 > 0 ? $0 : nil } ?? 1
        stepKW = Self.niceStep(atLeast: peak / Double(Self.divisions))
        scaleMaxKW = stepKW * Double(Self.divisions)
    }

    /// The x of `instant`: its share of the day's duration across the plot width.
    public func x(_ instant: Date) -> Double {
        let day = range.upperBound.timeIntervalSince(range.lowerBound)
        return Self.plotLeft + instant.timeIntervalSince(range.lowerBound) / day * Self.plotWidth
    }

    /// The height of a bar of `kW` (negative values draw as nothing).
    public func barHeight(_ kW: Double) -> Double { max(0, kW) / scaleMaxKW * Self.plotHeight }

    /// The y of `kW` (SVG's y grows downwards).
    public func y(_ kW: Double) -> Double { Self.plotBottom - barHeight(kW) }

    /// The smallest of 1, 2, 2.5, 5 x 10^n that is at least `raw` (> 0).
    public static func niceStep(atLeast raw: Double) -> Double {
        let base = pow(10, (log10(raw)).rounded(.down))
        // A hair of tolerance: 0.1 x 2.5 is 0.25000000000000001, which must count as 0.25.
        for multiple in [1, 2, 2.5, 5, 10] where multiple * base >= raw * (1 - 1e-9) { return multiple * base }
        return 10 * base
    }

    /// Decimals that show `stepKW` exactly (0.25 needs 2, 0.5 needs 1, 2 needs none).
    public var labelDecimals: Int {
        for decimals in 0...6 {
            let scaled = stepKW * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) < 1e-6 { return decimals }
        }
        return 6
    }
}
