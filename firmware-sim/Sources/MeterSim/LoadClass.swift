import Foundation

/// The customer class of a simulated meter: the shape and size of its load.
///
/// The hourly shapes, seasonal swings, power factors and phase splits are ILLUSTRATIVE.
/// They follow the typical forms of published load-research class profiles (the kind of
/// 24-hour weekday/weekend shapes utilities publish for settlement profiling, e.g. ERCOT
/// load profiles and UK Elexon profile classes): residential has a morning bump and an
/// evening peak and is a little higher at weekends; commercial follows business hours and
/// drops at weekends; industrial runs two shifts on a high base load. The numbers were set
/// by hand to those forms; they are not any utility's data and must not be used for
/// settlement. What the gateway needs from them is realism of form: day/night and
/// weekday/weekend contrast, seasonal drift, plausible magnitudes per class.
public enum LoadClass: String, Sendable, Hashable, CaseIterable, Codable {
    case residential
    case commercial
    case industrial

    /// Mean energy of a day over a year, in kWh, before the per-meter scale.
    public var meanDailyKWh: Double {
        switch self {
        case .residential: 10
        case .commercial: 400
        case .industrial: 6_000
        }
    }

    /// Displacement power factor (lagging); typical of the class's equipment mix.
    public var powerFactor: Double {
        switch self {
        case .residential: 0.97
        case .commercial: 0.92
        case .industrial: 0.86
        }
    }

    /// tan(acos(PF)): reactive energy per unit of active energy.
    public var reactiveRatio: Double {
        let pf = powerFactor
        return (1 - pf * pf).squareRoot() / pf
    }

    /// Share of active power carried by L1, L2, L3 (sums to 1). Single-phase loads on
    /// residential services make them the least balanced; big motors balance industry.
    public var phaseSplit: [Double] {
        switch self {
        case .residential: [0.36, 0.33, 0.31]
        case .commercial: [0.345, 0.335, 0.32]
        case .industrial: [0.336, 0.333, 0.331]
        }
    }

    /// Relative energy of a weekend/holiday day against a weekday.
    private var weekendRatio: Double {
        switch self {
        case .residential: 1.07  // people are home
        case .commercial: 0.5  // shops open shorter, offices closed
        case .industrial: 0.6  // one shift or maintenance
        }
    }

    /// Multiplier of the day's energy by day type, normalised so a 5 + 2 week averages 1
    /// and `meanDailyKWh` stays the class's mean.
    public func dayTypeFactor(_ kind: DayKind) -> Double {
        let weekday = 7 / (5 + 2 * weekendRatio)
        return kind == .weekday ? weekday : weekday * weekendRatio
    }

    /// Multiplier of the day's energy by season; averages 1 over a year.
    ///
    /// Northern-hemisphere timing: residential peaks mid-January (heating, lighting) with a
    /// smaller mid-July air-conditioning peak and shoulder-season troughs; commercial peaks
    /// with cooling in late July; industrial barely moves (process load).
    public func seasonalFactor(dayOfYear: Int, daysInYear: Int) -> Double {
        let angle = 2 * Double.pi * Double(dayOfYear - 1) / Double(daysInYear)
        let midJanuary = 2 * Double.pi * 14 / 365.25
        let lateJuly = 2 * Double.pi * 200 / 365.25
        switch self {
        case .residential:
            // Two cycles a year give the winter and summer peaks; one cycle tilts to winter.
            return 1 + 0.12 * cos(2 * (angle - midJanuary)) + 0.06 * cos(angle - midJanuary)
        case .commercial:
            return 1 + 0.15 * cos(angle - lateJuly)
        case .industrial:
            return 1 + 0.03 * cos(angle - midJanuary)
        }
    }

    /// Relative load by hour of day (index 0 is 00:00-01:00 UTC), unnormalised.
    public func hourlyShape(_ kind: DayKind) -> [Double] {
        switch (self, kind) {
        case (.residential, .weekday):
            [0.55, 0.48, 0.45, 0.44, 0.45, 0.52, 0.75, 1.00, 0.95, 0.80, 0.72, 0.70,
             0.72, 0.70, 0.68, 0.72, 0.85, 1.10, 1.40, 1.55, 1.50, 1.35, 1.05, 0.75]
        case (.residential, .weekendOrHoliday):
            [0.60, 0.52, 0.47, 0.45, 0.45, 0.47, 0.55, 0.70, 0.90, 1.05, 1.10, 1.10,
             1.10, 1.02, 0.95, 0.95, 1.00, 1.15, 1.40, 1.50, 1.45, 1.30, 1.05, 0.78]
        case (.commercial, .weekday):
            [0.40, 0.38, 0.37, 0.37, 0.38, 0.45, 0.65, 0.95, 1.30, 1.50, 1.58, 1.62,
             1.60, 1.62, 1.62, 1.58, 1.50, 1.30, 1.00, 0.80, 0.65, 0.55, 0.47, 0.42]
        case (.commercial, .weekendOrHoliday):
            [0.40, 0.38, 0.37, 0.37, 0.38, 0.40, 0.45, 0.52, 0.62, 0.70, 0.75, 0.77,
             0.77, 0.76, 0.74, 0.70, 0.64, 0.57, 0.52, 0.48, 0.45, 0.43, 0.41, 0.40]
        case (.industrial, .weekday):
            [0.72, 0.70, 0.70, 0.70, 0.72, 0.85, 1.05, 1.15, 1.20, 1.22, 1.22, 1.18,
             1.10, 1.20, 1.22, 1.20, 1.15, 1.12, 1.10, 1.08, 1.05, 1.00, 0.85, 0.75]
        case (.industrial, .weekendOrHoliday):
            [0.62, 0.60, 0.60, 0.60, 0.60, 0.61, 0.63, 0.66, 0.68, 0.70, 0.70, 0.70,
             0.69, 0.68, 0.68, 0.67, 0.66, 0.65, 0.64, 0.63, 0.63, 0.62, 0.62, 0.62]
        }
    }

    /// Relative load of each of the 96 quarter hours of a day, unnormalised.
    ///
    /// Linear interpolation between hour midpoints (wrapping at midnight) so the load ramps
    /// rather than stepping on the hour, as an aggregate of many appliances does.
    public func quarterHourShape(_ kind: DayKind) -> [Double] {
        let hourly = hourlyShape(kind)
        return (0..<96).map { quarter in
            let hours = (Double(quarter) + 0.5) / 4 - 0.5  // position relative to hour midpoints
            let below = Int(hours.rounded(.down))
            let fraction = hours - Double(below)
            let a = hourly[(below + 24) % 24]
            let b = hourly[(below + 25) % 24]
            return a + (b - a) * fraction
        }
    }
}
