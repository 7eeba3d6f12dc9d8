import DeviceProfiles
import MeterKit
import Testing

/// The SunSpec meter profiles against the SunSpec Information Model (sunspec/models,
/// json/model_20x.json and model_21x.json): offsets count from the model's ID register.
@Suite("Shipped SunSpec profiles")
struct SunSpecProfilesTests {
    static let integerModels: [UInt16] = [201, 202, 203, 204]
    static let floatModels: [UInt16] = [211, 212, 213, 214]

    private func profile(_ model: UInt16) throws -> DeviceProfile {
        try Repository.profile("sunspec-\(model)")
    }

    /// Standard placement: "SunS" at 40000-40001, the common model's ID at 40002, its 66
    /// registers end at 40069, so the meter model's ID register is at 40070.
    private let placement = SunSpec.standardPlacement()

    @Test("the standard placement puts the common model at 40002 and the meter model at 40070")
    func standardPlacement() {
        #expect(placement.commonModel == 40_000 + 2)
        #expect(placement.meterModel == 40_002 + 2 + 66)
    }

    @Test("every point and scale factor fits inside its model, in holding registers",
          arguments: integerModels + floatModels)
    func pointsFitTheModel(model: UInt16) throws {
        let p = try profile(model)
        let binding = try #require(p.sunSpec)
        #expect(binding.model == model)
        // Integer models are 105 registers long, float models 124 (after ID and L).
        #expect(binding.length == (model < 210 ? 105 : 124))
        let modelEnd = 2 + Int(binding.length)
        for point in p.points {
            #expect(point.location.kind == .holding, "\(point.name.rawValue)")
            #expect(point.location.address >= 2, "\(point.name.rawValue) overlaps the ID and L registers")
            #expect(point.location.endAddress <= modelEnd, "\(point.name.rawValue)")
            if case .powerOfTen(let register, _) = point.scale {
                #expect(Int(register) < modelEnd, "\(point.name.rawValue)")
            }
        }
        #expect(p.clock == nil)
        #expect(p.loadProfile == nil)
    }

    @Test("integer models use i16 with scale registers and acc32 energy; float models float32 without scales")
    func registerTypes() throws {
        for model in Self.integerModels {
            for point in try profile(model).points {
                let expected: RegisterType = point.name.isCumulative ? .acc32 : .i16
                #expect(point.location.type == expected, "\(model) \(point.name.rawValue)")
                guard case .powerOfTen = point.scale else {
                    Issue.record("\(model) \(point.name.rawValue) has no scale register")
                    continue
                }
            }
        }
        for model in Self.floatModels {
            for point in try profile(model).points {
                #expect(point.location.type == .float32, "\(model) \(point.name.rawValue)")
                #expect(point.location.order == .abcd)
                #expect(point.scale == .none, "\(model) \(point.name.rawValue)")
            }
        }
    }

    @Test("power factor is Pct in the integer models and a plain factor in the float models; energy is Wh")
    func units() throws {
        for model in Self.integerModels + Self.floatModels {
            let p = try profile(model)
            let factorUnit: MeasurementUnit = model < 210 ? .percent : .ratio
            #expect(p.point(.powerFactorTotal)?.unit == factorUnit, "\(model)")
            #expect(p.point(.powerFactorL1)?.unit == factorUnit, "\(model)")
            #expect(p.point(.energyImportTotal)?.unit == .wattHour, "\(model)")
            #expect(p.point(.energyExportTotal)?.unit == .wattHour, "\(model)")
        }
    }

    @Test("each float model maps the same points as its integer twin", arguments: zip(integerModels, floatModels))
    func floatTwinsMapTheSamePoints(integer: UInt16, float: UInt16) throws {
        let a = try profile(integer), b = try profile(float)
        #expect(Set(a.points.map(\.name)) == Set(b.points.map(\.name)))
        #expect(a.phases == b.phases)
    }

    @Test("single-phase models map only phase A and totals; delta models no line-to-neutral voltage")
    func pointsPerWiring() throws {
        let phaseA: Set<PointName> = [.currentL1, .voltageL1, .powerActiveL1, .powerFactorL1]
        let totals: Set<PointName> = [.frequency, .powerActiveTotal, .powerApparentTotal, .powerReactiveTotal,
                                      .powerFactorTotal, .energyImportTotal, .energyExportTotal]
        for model: UInt16 in [201, 211] {
            #expect(Set(try profile(model).points.map(\.name)) == phaseA.union(totals), "\(model)")
        }
        for model: UInt16 in [202, 212] {
            let phaseB: Set<PointName> = [.currentL2, .voltageL2, .powerActiveL2, .powerFactorL2, .voltageL1L2]
            #expect(Set(try profile(model).points.map(\.name)) == phaseA.union(phaseB).union(totals), "\(model)")
        }
        for model: UInt16 in [204, 214] {
            let names = Set(try profile(model).points.map(\.name))
            #expect(names.isDisjoint(with: [.voltageL1, .voltageL2, .voltageL3]), "\(model)")
            #expect(names.isSuperset(of: [.voltageL1L2, .voltageL2L3, .voltageL3L1]), "\(model)")
        }
    }

    @Test("model 203 placed at the standard addresses, checked by hand (domain brief section 7)")
    func model203Placed() throws {
        let p = try #require(try profile(203).placed(at: placement))
        #expect(p.needsPlacement == false)
        // PhVphA: offset 8 → 40070 + 8 = 40078; its V_SF at 40070 + 15 = 40085.
        #expect(p.point(.voltageL1)?.location == RegisterLocation(kind: .holding, address: 40_078, type: .i16))
        #expect(p.point(.voltageL1)?.scale == .powerOfTen(register: 40_085, kind: .holding))
        // AphA: offset 3 → 40073, A_SF at 40070 + 6 = 40076.
        #expect(p.point(.currentL1)?.location.address == 40_073)
        #expect(p.point(.currentL1)?.scale == .powerOfTen(register: 40_076, kind: .holding))
        // W: offset 18 → 40088, W_SF at 40070 + 22 = 40092.
        #expect(p.point(.powerActiveTotal)?.location.address == 40_088)
        #expect(p.point(.powerActiveTotal)?.scale == .powerOfTen(register: 40_092, kind: .holding))
        // TotWhExp: offset 38 → 40108; TotWhImp: offset 46 → 40070 + 46 = 40116, two registers
        // (acc32) ending at 40117; TotWh_SF at 40070 + 54 = 40124.
        #expect(p.point(.energyExportTotal)?.location.address == 40_108)
        #expect(p.point(.energyImportTotal)?.location == RegisterLocation(kind: .holding, address: 40_116, type: .acc32))
        #expect(p.point(.energyImportTotal)?.scale == .powerOfTen(register: 40_124, kind: .holding))
        // Identification from the common model at 40002: Mn 40002 + 2 = 40004, Md 40020,
        // Vr 40002 + 42 = 40044, SN 40002 + 50 = 40052.
        #expect(p.identification[.manufacturer] == .register(.init(kind: .holding, address: 40_004, type: .ascii(registers: 16))))
        #expect(p.identification[.model] == .register(.init(kind: .holding, address: 40_020, type: .ascii(registers: 16))))
        #expect(p.identification[.firmware] == .register(.init(kind: .holding, address: 40_044, type: .ascii(registers: 8))))
        #expect(p.identification[.serial] == .register(.init(kind: .holding, address: 40_052, type: .ascii(registers: 16))))
    }

    @Test("model 213 placed at the standard addresses, checked by hand")
    func model213Placed() throws {
        let p = try #require(try profile(213).placed(at: placement))
        // PhVphA: float32 at offset 12 → 40070 + 12 = 40082.
        #expect(p.point(.voltageL1)?.location == RegisterLocation(kind: .holding, address: 40_082, type: .float32))
        // Hz: offset 26 → 40096; PF: offset 52 → 40122.
        #expect(p.point(.frequency)?.location.address == 40_096)
        #expect(p.point(.powerFactorTotal)?.location.address == 40_122)
        // TotWhExp: offset 60 → 40130; TotWhImp: offset 68 → 40070 + 68 = 40138.
        #expect(p.point(.energyExportTotal)?.location.address == 40_130)
        #expect(p.point(.energyImportTotal)?.location == RegisterLocation(kind: .holding, address: 40_138, type: .float32))
    }

    @Test("placing moves every point by the meter model's address and nothing else",
          arguments: integerModels + floatModels)
    func placingShiftsEveryPoint(model: UInt16) throws {
        let unplaced = try profile(model)
        let placed = try #require(unplaced.placed(at: placement))
        #expect(placed.sunSpec?.placement == placement)
        #expect(placed.points.map(\.name) == unplaced.points.map(\.name))
        for (before, after) in zip(unplaced.points, placed.points) {
            #expect(Int(after.location.address) == Int(before.location.address) + 40_070, "\(before.name.rawValue)")
            #expect(after.location.type == before.location.type)
            #expect(after.unit == before.unit)
        }
        // A placed profile is not placed again.
        #expect(placed.placed(at: placement) == nil)
    }
}
