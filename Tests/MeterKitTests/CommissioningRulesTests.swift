import MeterKit
import Testing

/// The commissioning checks on hand-made observations: each verdict, value and limit.
struct CommissioningRulesTests {
    static let threePhase: Set<PointName> = [.voltageL1, .voltageL2, .voltageL3, .powerActiveL1, .powerActiveL2, .powerActiveL3,
                                             .frequency, .energyImportTotal, .ctRatio]

    /// A healthy three-phase installation: 230 V class voltages, load on every phase.
    static func healthy() -> [PointName: Double] {
        [.voltageL1: 231, .voltageL2: 229.5, .voltageL3: 230.2, .powerActiveL1: 400, .powerActiveL2: 350, .powerActiveL3: 300,
         .frequency: 50.02, .energyImportTotal: 1234.5, .ctRatio: 40]
    }

    static func check(_ id: String, in checks: [CommissioningCheck]) throws -> CommissioningCheck {
        try #require(checks.first { $0.id == id }, "no check \(id)")
    }

    @Test func healthyInstallationPassesEveryApplicableCheck() throws {
        let observation = CommissioningObservation(values: Self.healthy(), laterValues: [.energyImportTotal: 1234.6],
                                                   secondsBetweenReads: 2, mapped: Self.threePhase, clockOffset: 4)
        let setup = CommissioningSetup(currentTransformer: TransformerRatio(parsing: "200/5"))
        let checks = CommissioningRules.evaluate(observation, setup: setup)
        #expect(CommissioningRules.passed(checks))
        // 3 x (present, band) = 6, + frequency 1, + 3 signs, + 1 energy, + CT, PT, clock 3 = 14 checks.
        #expect(checks.count == 14)
        #expect(try Self.check("pt", in: checks).outcome == .notApplicable)  // the profile maps no PT ratio
        // Voltage band: 230 x 0.9 = 207, 230 x 1.1 = 253; presence floor 230 x 0.5 = 115.
        #expect(try Self.check("voltage.l2", in: checks).limit == "207 ... 253")
        #expect(try Self.check("phase_present.l2", in: checks).limit == ">= 115")
        // 200/5 = 40, the meter reports 40.
        #expect(try Self.check("ct", in: checks).outcome == .pass)
    }

    @Test func reversedCTOnPhaseTwoFailsOnlyThatPhasesSignCheck() throws {
        var values = Self.healthy()
        values[.powerActiveL2] = -350
        let checks = CommissioningRules.evaluate(CommissioningObservation(values: values, mapped: Self.threePhase), setup: .init())
        let failed = checks.filter { $0.outcome == .fail }.map(\.id)
        #expect(failed == ["power_sign.l2"])
        #expect(try Self.check("power_sign.l2", in: checks).measured == -350)
    }

    @Test func phaseWithTooLittleLoadCannotProvePolarity() throws {
        var values = Self.healthy()
        values[.powerActiveL3] = -3  // under the 5 W floor: noise, not evidence
        let checks = CommissioningRules.evaluate(CommissioningObservation(values: values, mapped: Self.threePhase), setup: .init())
        #expect(try Self.check("power_sign.l3", in: checks).outcome == .notApplicable)
    }

    @Test func missingPhaseFailsPresenceAndBand() throws {
        var values = Self.healthy()
        values[.voltageL3] = 0
        values[.powerActiveL3] = 0
        let checks = CommissioningRules.evaluate(CommissioningObservation(values: values, mapped: Self.threePhase), setup: .init())
        #expect(Set(checks.filter { $0.outcome == .fail }.map(\.id)) == ["phase_present.l3", "voltage.l3"])
    }

    @Test func voltageJustOutsideTheTenPercentBandFails() throws {
        var values = Self.healthy()
        values[.voltageL1] = 253.5  // > 253
        values[.voltageL2] = 206.9  // < 207
        let checks = CommissioningRules.evaluate(CommissioningObservation(values: values, mapped: Self.threePhase), setup: .init())
        #expect(try Self.check("voltage.l1", in: checks).outcome == .fail)
        #expect(try Self.check("voltage.l2", in: checks).outcome == .fail)
        #expect(try Self.check("phase_present.l2", in: checks).outcome == .pass)
    }

    @Test(arguments: [(50.49, CheckOutcome.pass), (50.51, .fail), (59.41, .pass), (59.39, .fail), (55.0, .fail)])
    func frequencyIsJudgedAgainstTheNearerOfFiftyAndSixtyHertz(hertz: Double, outcome: CheckOutcome) throws {
        // 1 % of 50 Hz is 0.5 Hz (49.5 ... 50.5); 1 % of 60 Hz is 0.6 Hz (59.4 ... 60.6).
        var values = Self.healthy()
        values[.frequency] = hertz
        let checks = CommissioningRules.evaluate(CommissioningObservation(values: values, mapped: Self.threePhase), setup: .init())
        #expect(try Self.check("frequency", in: checks).outcome == outcome)
    }

    @Test func decreasingEnergyRegisterFails() throws {
        let observation = CommissioningObservation(values: Self.healthy(), laterValues: [.energyImportTotal: 1234.4],
                                                   secondsBetweenReads: 2, mapped: Self.threePhase)
        let check = try Self.check("energy_not_decreasing.energy.import.total",
                                   in: CommissioningRules.evaluate(observation, setup: .init()))
        #expect(check.outcome == .fail)
        // 1234.4 - 1234.5 = -0.1 kWh
        #expect(abs((check.measured ?? 0) + 0.1) < 1e-9)
    }

    @Test func meterProgrammedWithAnotherCTRatioFails() throws {
        var values = Self.healthy()
        values[.ctRatio] = 20  // programmed 100/5 while 200/5 (40) is installed
        let setup = CommissioningSetup(currentTransformer: TransformerRatio(parsing: "200/5"))
        let check = try Self.check("ct", in: CommissioningRules.evaluate(CommissioningObservation(values: values, mapped: Self.threePhase), setup: setup))
        #expect(check.outcome == .fail && check.measured == 20 && check.limit == "40 (200/5)")
        #expect(check.detail.contains("factor 0.500"))  // 20 / 40
    }

    @Test func clockOffsetBeyondTheToleranceFailsEitherWay() throws {
        for (offset, outcome) in [(90.0, CheckOutcome.fail), (-31, .fail), (29.9, .pass), (-30, .pass)] {
            let observation = CommissioningObservation(values: Self.healthy(), mapped: Self.threePhase, clockOffset: offset)
            let check = try Self.check("clock", in: CommissioningRules.evaluate(observation, setup: .init(clockTolerance: 30)))
            #expect(check.outcome == outcome, "offset \(offset)")
        }
        let noClock = CommissioningObservation(values: Self.healthy(), mapped: Self.threePhase, clockOffset: nil)
        #expect(try Self.check("clock", in: CommissioningRules.evaluate(noClock, setup: .init())).outcome == .notApplicable)
    }

    @Test func singlePhaseMeterIsCheckedOnL1Only() throws {
        let mapped: Set<PointName> = [.voltageL1, .powerActiveTotal, .frequency]
        let observation = CommissioningObservation(values: [.voltageL1: 230, .powerActiveTotal: -120, .frequency: 50], mapped: mapped)
        let checks = CommissioningRules.evaluate(observation, setup: .init(phases: 1))
        #expect(!checks.contains { $0.id.hasSuffix(".l2") || $0.id.hasSuffix(".l3") })
        // Without a per-phase register the total stands in for L1's sign.
        #expect(try Self.check("power_sign.l1", in: checks).outcome == .fail)
    }

    @Test func deltaMeterIsJudgedOnLineVoltages() throws {
        // 230 V x sqrt 3 = 398.4 V nominal between lines; 400 V is within 10 %.
        let mapped: Set<PointName> = [.voltageL1L2, .voltageL2L3, .voltageL3L1]
        let observation = CommissioningObservation(values: [.voltageL1L2: 400, .voltageL2L3: 398, .voltageL3L1: 300], mapped: mapped)
        let checks = CommissioningRules.evaluate(observation, setup: .init())
        #expect(try Self.check("voltage.l1", in: checks).outcome == .pass)
        #expect(try Self.check("voltage.l3", in: checks).outcome == .fail)  // 300 < 398.4 x 0.9 = 358.5
    }

    @Test(arguments: [("200/5", 40.0), ("40", 40), ("11000/110", 100), ("1", 1)])
    func transformerRatiosParseAsTechniciansWriteThem(text: String, ratio: Double) throws {
        #expect(try #require(TransformerRatio(parsing: text)).ratio == ratio)
    }

    @Test(arguments: ["", "200/", "/5", "0/5", "200/0", "-40", "abc", "1/2/3"])
    func malformedTransformerRatiosAreRejected(text: String) {
        #expect(TransformerRatio(parsing: text) == nil)
    }
}
