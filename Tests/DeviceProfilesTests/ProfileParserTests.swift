import DeviceProfiles
import MeterKit
import Testing

@Suite("Profile parser")
struct ProfileParserTests {
    private func parse(_ yaml: String) throws -> DeviceProfile {
        try ProfileParser.parse(yaml: yaml, id: "test", file: "devices/test.yaml")
    }

    @Test("addresses read the same in hex, quoted hex and decimal, and a leading zero is not octal")
    func addressSpellings() throws {
        let profile = try parse(minimalProfile + """
              frequency: { address: "0x0046", unit: Hz }
              current.l1: { address: 0010, unit: A }
              current.l2: { address: 0X000c, unit: A }

            """)
        #expect(profile.point(.energyImportTotal)?.location.address == 72)
        #expect(profile.point(.frequency)?.location.address == 0x46)
        #expect(profile.point(.currentL1)?.location.address == 10)
        #expect(profile.point(.currentL2)?.location.address == 0x0C)
    }

    @Test("defaults fill kind, type and order, and an entry overrides each")
    func defaultsAndOverrides() throws {
        let profile = try parse("""
            manufacturer: Test
            model: T1
            defaults: { kind: input, type: float32, order: CDAB }
            points:
              voltage.l1: { address: 0, unit: V }
              ct.ratio: { kind: holding, address: 0, type: u16, order: abcd, unit: ratio }

            """)
        #expect(profile.point(.voltageL1)?.location == RegisterLocation(kind: .input, address: 0, type: .float32, order: .cdab))
        #expect(profile.point(.ctRatio)?.location == RegisterLocation(kind: .holding, address: 0, type: .u16, order: .abcd))
    }

    @Test("points keep file order and block style reads like flow style")
    func blockStyleAndOrder() throws {
        let profile = try parse(minimalProfile + """
              frequency:
                address: 0x0046
                unit: Hz
                sentinels: false

            """)
        #expect(profile.points.map(\.name) == [.voltageL1, .energyImportTotal, .frequency])
        #expect(profile.point(.frequency)?.sentinels == false)
        #expect(profile.point(.voltageL1)?.sentinels == true)
    }

    @Test("scale is a fixed factor and scale_register a SunSpec power of ten in the point's table")
    func scales() throws {
        let profile = try parse("""
            manufacturer: Test
            model: T1
            defaults: { kind: holding, type: i16 }
            points:
              current.l1: { address: 40074, unit: A, scale_register: 40078 }
              current.l2: { address: 40075, unit: A, scale_register: 40078 }
              power.active.total: { address: 40080, unit: kW, scale: 0.001 }

            """)
        #expect(profile.point(.currentL1)?.scale == .powerOfTen(register: 40078, kind: .holding))
        #expect(profile.point(.currentL2)?.scale == .powerOfTen(register: 40078, kind: .holding))
        #expect(profile.point(.powerActiveTotal)?.scale == .factor(0.001))
        #expect(profile.point(.powerActiveTotal)?.unit == .kilowatt)
    }

    @Test("a missing description reads as empty and a clock defaults to a read-only u32")
    func optionalKeys() throws {
        let profile = try parse(minimalProfile + "description:\nclock: { kind: holding, address: 0x0100 }\n")
        #expect(profile.description == "")
        #expect(profile.clock == ClockDefinition(location: RegisterLocation(kind: .holding, address: 0x0100, type: .u32),
                                                 writable: false))
        #expect(profile.loadProfile == nil)
        #expect(profile.identification.isEmpty)
    }

    @Test("a load-profile window takes its kind from defaults when it names none")
    func loadProfileKindFromDefaults() throws {
        let profile = try parse(minimalProfile + "load_profile: { header: 0x1000, records: 0x1006, capacity: 96, interval: 900 }\n")
        #expect(profile.loadProfile == LoadProfileWindow(kind: .input, headerAddress: 0x1000, recordsAddress: 0x1006,
                                                         capacity: 96, intervalSeconds: 900))
    }

    @Test("the file name given to the parser is the one errors carry")
    func errorsCarryGivenFileName() throws {
        let error = try #require(throws: ProfileError.self) {
            try ProfileParser.parse(yaml: "manufacturer: X\nmodel: Y\npoints: {}\n", id: "x", file: "somewhere/x.yaml")
        }
        #expect(error.description == "somewhere/x.yaml:3: points: a profile must map at least one point")
    }
}
