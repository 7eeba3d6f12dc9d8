import Foundation

/// The commissioning checks: pure functions of what was read and what the technician stated.
///
/// Each check says pass, fail or not applicable with the value and the limit, so a record
/// shows why an installation was accepted, not just that it was.
public enum CommissioningRules {
    public static func evaluate(_ observation: CommissioningObservation, setup: CommissioningSetup) -> [CommissioningCheck] {
        let phases = Array(1...max(1, min(3, setup.phases)))
        var checks: [CommissioningCheck] = []
        for phase in phases { checks += voltageChecks(phase: phase, observation, setup) }
        checks.append(frequency(observation))
        for phase in phases { checks.append(powerSign(phase: phase, observation, single: phases.count == 1)) }
        checks += energy(observation)
        checks.append(ratio("ct", "CT ratio", point: .ctRatio, stated: setup.currentTransformer, option: "--ct", observation))
        checks.append(ratio("pt", "PT ratio", point: .ptRatio, stated: setup.voltageTransformer, option: "--pt", observation))
        checks.append(clock(observation, setup))
        return checks
    }

    /// Every check passed or was not applicable.
    public static func passed(_ checks: [CommissioningCheck]) -> Bool { !checks.contains { $0.outcome == .fail } }

    // MARK: - Checks

    private static let phaseVoltage: [PointName] = [.voltageL1, .voltageL2, .voltageL3]
    private static let lineVoltage: [PointName] = [.voltageL1L2, .voltageL2L3, .voltageL3L1]
    private static let phasePower: [PointName] = [.powerActiveL1, .powerActiveL2, .powerActiveL3]

    /// Phase present and voltage in band. A delta meter (no phase-to-neutral voltages) is
    /// judged on its line voltages against nominal x sqrt 3.
    static func voltageChecks(phase: Int, _ o: CommissioningObservation, _ setup: CommissioningSetup) -> [CommissioningCheck] {
        let label = "L\(phase)"
        var point = phaseVoltage[phase - 1]
        var nominal = setup.nominalVoltage
        if !o.mapped.contains(point), o.mapped.contains(lineVoltage[phase - 1]) {
            point = lineVoltage[phase - 1]
            nominal *= 3.0.squareRoot()
        }
        let presentID = "phase_present.l\(phase)", bandID = "voltage.l\(phase)"
        let presentTitle = "\(label) present", bandTitle = "\(label) voltage within 10 % of \(number(nominal)) V"
        guard o.mapped.contains(point) else {
            let why = "the profile maps no \(label) voltage"
            return [CommissioningCheck(id: presentID, title: presentTitle, outcome: .notApplicable, unit: "V", detail: why),
                    CommissioningCheck(id: bandID, title: bandTitle, outcome: .notApplicable, unit: "V", detail: why)]
        }
        guard let volts = o.values[point] else {
            let why = "the meter reports no value for \(point.rawValue)"
            return [CommissioningCheck(id: presentID, title: presentTitle, outcome: .notApplicable, unit: "V", detail: why),
                    CommissioningCheck(id: bandID, title: bandTitle, outcome: .notApplicable, unit: "V", detail: why)]
        }
        let floor = nominal * CommissioningSetup.phasePresentFraction
        let present = volts >= floor
        let low = nominal * (1 - CommissioningSetup.voltageTolerance), high = nominal * (1 + CommissioningSetup.voltageTolerance)
        let inBand = (low...high).contains(volts)
        return [
            CommissioningCheck(id: presentID, title: presentTitle, outcome: present ? .pass : .fail, measured: volts, unit: "V",
                               limit: ">= \(number(floor))",
                               detail: present ? "" : "no voltage on \(label): check the fuse and the voltage tap of \(label)"),
            CommissioningCheck(id: bandID, title: bandTitle, outcome: inBand ? .pass : .fail, measured: volts, unit: "V",
                               limit: "\(number(low)) ... \(number(high))",
                               detail: inBand ? "" : "\(label) voltage outside the supply band: check the wiring and the PT ratio"),
        ]
    }

    static func frequency(_ o: CommissioningObservation) -> CommissioningCheck {
        let title = "frequency within 1 % of 50 or 60 Hz"
        guard o.mapped.contains(.frequency), let hz = o.values[.frequency] else {
            return CommissioningCheck(id: "frequency", title: title, outcome: .notApplicable, unit: "Hz", detail: "the meter reports no frequency")
        }
        let grid = abs(hz - 50) <= abs(hz - 60) ? 50.0 : 60.0
        let tolerance = grid * CommissioningSetup.frequencyTolerance
        let ok = abs(hz - grid) <= tolerance
        return CommissioningCheck(id: "frequency", title: title, outcome: ok ? .pass : .fail, measured: hz, unit: "Hz",
                                  limit: "\(number(grid - tolerance)) ... \(number(grid + tolerance))",
                                  detail: ok ? "" : "frequency off nominal: the meter may be misconfigured or measuring a generator")
    }

    /// A reversed CT (or swapped S1/S2 leads) shows as negative import power on its phase.
    static func powerSign(phase: Int, _ o: CommissioningObservation, single: Bool) -> CommissioningCheck {
        var point = phasePower[phase - 1]
        if single, !o.mapped.contains(point) { point = .powerActiveTotal }
        let id = "power_sign.l\(phase)", title = "L\(phase) active power not negative (CT polarity)"
        guard o.mapped.contains(point), let watts = o.values[point] else {
            return CommissioningCheck(id: id, title: title, outcome: .notApplicable, unit: "W", detail: "the meter reports no L\(phase) active power")
        }
        let minimum = CommissioningSetup.minimumLoadForPolarity
        if abs(watts) < minimum {
            return CommissioningCheck(id: id, title: title, outcome: .notApplicable, measured: watts, unit: "W", limit: ">= 0",
                                      detail: "under \(number(minimum)) W on L\(phase): apply load to verify the CT polarity")
        }
        return CommissioningCheck(id: id, title: title, outcome: watts >= 0 ? .pass : .fail, measured: watts, unit: "W", limit: ">= 0",
                                  detail: watts >= 0 ? "" : "negative import power on L\(phase): CT reversed or its leads swapped")
    }

    static func energy(_ o: CommissioningObservation) -> [CommissioningCheck] {
        let registers = o.mapped.filter(\.isCumulative).sorted()
        return registers.map { point in
            let id = "energy_not_decreasing.\(point.rawValue)", title = "\(point.rawValue) not decreasing over \(number(o.secondsBetweenReads)) s"
            guard let first = o.values[point], let second = o.laterValues[point] else {
                return CommissioningCheck(id: id, title: title, outcome: .notApplicable, unit: point.canonicalUnit.rawValue,
                                          detail: "the meter reports no value for \(point.rawValue)")
            }
            let delta = second - first
            return CommissioningCheck(id: id, title: title, outcome: delta >= 0 ? .pass : .fail, measured: delta,
                                      unit: point.canonicalUnit.rawValue, limit: ">= 0",
                                      detail: delta >= 0 ? "" : "the register went back from \(number(first)) to \(number(second)): reset, rollover or a faulty meter")
        }
    }

    static func ratio(_ id: String, _ name: String, point: PointName, stated: TransformerRatio?, option: String,
                      _ o: CommissioningObservation) -> CommissioningCheck {
        let title = "\(name) configured in the meter matches the installation"
        guard o.mapped.contains(point), let reported = o.values[point] else {
            return CommissioningCheck(id: id, title: title, outcome: .notApplicable, unit: "ratio",
                                      detail: "the meter does not report its \(name)")
        }
        guard let stated else {
            return CommissioningCheck(id: id, title: title, outcome: .notApplicable, measured: reported, unit: "ratio",
                                      detail: "no \(option) stated; the meter is set to \(number(reported))")
        }
        let ok = abs(reported - stated.ratio) <= stated.ratio * CommissioningSetup.ratioTolerance
        return CommissioningCheck(id: id, title: title, outcome: ok ? .pass : .fail, measured: reported, unit: "ratio",
                                  limit: "\(number(stated.ratio)) (\(stated))",
                                  detail: ok ? "" : "the meter multiplies by \(number(reported)), the installation needs \(number(stated.ratio)): every reading is off by a factor \(number(reported / stated.ratio))")
    }

    static func clock(_ o: CommissioningObservation, _ setup: CommissioningSetup) -> CommissioningCheck {
        let title = "meter clock within \(number(setup.clockTolerance)) s of the gateway"
        guard let offset = o.clockOffset else {
            return CommissioningCheck(id: "clock", title: title, outcome: .notApplicable, unit: "s", detail: "the meter exposes no clock over Modbus")
        }
        let ok = abs(offset) <= setup.clockTolerance
        return CommissioningCheck(id: "clock", title: title, outcome: ok ? .pass : .fail, measured: offset, unit: "s",
                                  limit: "-\(number(setup.clockTolerance)) ... +\(number(setup.clockTolerance))",
                                  detail: ok ? "" : "meter clock \(offset > 0 ? "ahead" : "behind") by \(number(abs(offset))) s: set it with metergate clock --set")
    }

    /// Readable numbers for limits and details: whole numbers plain (253, not 253.00000000000003),
    /// others to 0.1 from 10 up and to 0.001 below.
    static func number(_ value: Double) -> String {
        let whole = value.rounded()
        if abs(value - whole) < 1e-9 * max(1, abs(value)), abs(value) < 1e12 { return String(Int64(whole)) }
        return abs(value) >= 10 ? String(format: "%.1f", value) : String(format: "%.3f", value)
    }
}
