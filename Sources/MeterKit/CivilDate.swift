/// Proleptic Gregorian dates as day numbers (days since 1970-01-01) and back: the era-based
/// algorithms Howard Hinnant describes in "chrono-Compatible Low-Level Date Algorithms".
/// Integer arithmetic only, so day boundaries and weekdays cost nanoseconds, where
/// `Calendar` costs microseconds.
public enum CivilDate {
    /// Days since 1970-01-01 of year `y`, month `m` (1-12), day `d`.
    public static func days(fromCivil y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Inverse of `days(fromCivil:_:_:)`: (year, month, day).
    public static func civil(fromDays z: Int) -> (year: Int, month: Int, day: Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
