import Foundation
import Intervals
import YAMLSupport

extension ConfigParser {
    static let veeKeys = ["time_zone", "holidays", "recompute", "max_linear_gap", "like_days", "clock_tolerance",
                          "spike_tolerance", "max_zero_run", "reconciliation_tolerance"]

    /// The `vee` section; every key optional.
    func parseVEE(_ field: YAMLField?, schedule: Schedule) throws(SourceError) -> VEEConfiguration {
        var vee = VEEConfiguration(recomputeSeconds: max(86_400, schedule.backfillLookbackSeconds))
        guard let field else { return vee }
        let entry = try field.mapping(allowed: Self.veeKeys)
        if let zone = entry["time_zone"] {
            let name = try zone.string()
            guard let timeZone = ["UTC", "GMT", "Etc/UTC"].contains(name) ? .gmt : TimeZone(identifier: name) else {
                throw zone.fail("unknown time zone '\(name)'; use an IANA name such as America/Chicago or Europe/Berlin")
            }
            vee.timeZone = timeZone
        }
        if let holidays = entry["holidays"] {
            for day in try holidays.sequence() {
                let text = try day.string()
                guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else {
                    throw day.fail("holiday '\(text)' is not a local date yyyy-MM-dd")
                }
                vee.holidays.insert(text)
            }
        }
        if let recompute = entry["recompute"] { vee.recomputeSeconds = try recompute.seconds(in: 3600...(31 * 86_400)) }
        if let gap = entry["max_linear_gap"] { vee.settings.maxLinearGap = TimeInterval(try gap.seconds(in: 0...86_400)) }
        if let days = entry["like_days"] { vee.settings.likeDays = try days.integer(in: 1...10, what: "like_days") }
        if let tolerance = entry["clock_tolerance"] { vee.settings.clockTolerance = TimeInterval(try tolerance.seconds(in: 1...3600)) }
        if let spike = entry["spike_tolerance"] { vee.settings.spikeTolerance = try fraction(spike, in: 0.1...100) }
        if let run = entry["max_zero_run"] { vee.settings.maxZeroRun = TimeInterval(try run.seconds(in: 900...(7 * 86_400))) }
        if let tolerance = entry["reconciliation_tolerance"] {
            vee.settings.reconciliationTolerance = try fraction(tolerance, in: 0...0.5)
        }
        return vee
    }

    /// A number, or a percentage such as `300%`.
    private func fraction(_ field: YAMLField, in range: ClosedRange<Double>) throws(SourceError) -> Double {
        let text = try field.string()
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, range.contains(value) else {
            throw field.fail("expected a number from \(range.lowerBound) to \(range.upperBound) or a percentage, got '\(text)'")
        }
        return value
    }
}
