import DeviceProfiles
import MeterKit
import Testing

@Suite("Shipped device profiles")
struct ShippedProfilesTests {
    /// Location of a point, failing the test when the profile does not map it.
    private func location(_ profile: DeviceProfile, _ name: PointName,
                          sourceLocation: SourceLocation = #_sourceLocation) throws -> RegisterLocation {
        try #require(profile.point(name), "\(name.rawValue) is not mapped", sourceLocation: sourceLocation).location
    }

    private func address(_ profile: DeviceProfile, _ name: PointName) throws -> UInt16 {
        try location(profile, name).address
    }

    /// Every profile the repository ships; a new file in `devices/` must be added here.
    static let shippedStems = ["generic-energy", "metergate-sim", "sdm120", "sdm630", "sdm72",
                               "sunspec-201", "sunspec-202", "sunspec-203", "sunspec-204",
                               "sunspec-211", "sunspec-212", "sunspec-213", "sunspec-214"]

    @Test("every shipped profile loads under its file stem, with points and a probe", arguments: shippedStems)
    func shippedProfileLoads(stem: String) throws {
        let profile = try Repository.profile(stem)
        #expect(profile.id == stem)
        #expect(!profile.points.isEmpty)
        #expect(profile.probe != nil, "a scan could never identify \(stem)")
    }

    @Test("the devices folder holds exactly the profiles listed here")
    func shippedStemsAreListed() {
        let catalog = ProfileCatalog(directory: Repository.devices.path, environment: [:], executablePath: nil)
        #expect(catalog.stems() == Self.shippedStems)
    }

    @Test("every SDM630 measurement is an input float32 ABCD register (domain brief section 7)")
    func sdm630UsesInputFloat32() throws {
        let profile = try Repository.profile("sdm630")
        #expect(profile.manufacturer == "Eastron")
        #expect(profile.model == "SDM630")
        #expect(profile.points.count == 27)
        for point in profile.points {
            #expect(point.location == RegisterLocation(kind: .input, address: point.location.address, type: .float32, order: .abcd),
                    "\(point.name.rawValue)")
            #expect(point.scale == .none)
        }
    }

    @Test("SDM630 addresses match the Eastron map in domain brief section 7")
    func sdm630Addresses() throws {
        let p = try Repository.profile("sdm630")
        // Section 7: "voltage L1-L3 at 0x0000, 0x0002, 0x0004".
        #expect(try address(p, .voltageL1) == 0x0000)
        #expect(try address(p, .voltageL2) == 0x0002)
        #expect(try address(p, .voltageL3) == 0x0004)
        // Section 7: "current 0x0006-0x000A".
        #expect(try address(p, .currentL1) == 0x0006)
        #expect(try address(p, .currentL2) == 0x0008)
        #expect(try address(p, .currentL3) == 0x000A)
        // Section 7: "power per phase 0x000C-0x0010".
        #expect(try address(p, .powerActiveL1) == 0x000C)
        #expect(try address(p, .powerActiveL2) == 0x000E)
        #expect(try address(p, .powerActiveL3) == 0x0010)
        // Section 7: "total power 0x0034; VA 0x0038; var 0x003C; power factor 0x003E".
        #expect(try address(p, .powerActiveTotal) == 0x0034)
        #expect(try address(p, .powerApparentTotal) == 0x0038)
        #expect(try address(p, .powerReactiveTotal) == 0x003C)
        #expect(try address(p, .powerFactorTotal) == 0x003E)
        // Section 7: "frequency 0x0046; import kWh 0x0048; export kWh 0x004A; demand 0x0054".
        #expect(try address(p, .frequency) == 0x0046)
        #expect(try address(p, .energyImportTotal) == 0x0048)
        #expect(try address(p, .energyExportTotal) == 0x004A)
        #expect(try address(p, .demandActiveTotal) == 0x0054)
        // Section 7: "total kWh 0x0156; total kvarh 0x0158".
        #expect(try address(p, .energyTotal) == 0x0156)
        #expect(try address(p, .energyReactiveTotal) == 0x0158)
        // Eastron map, beyond section 7's list: per-phase PF, maximum demand, line-line
        // voltages and neutral current.
        #expect(try address(p, .powerFactorL1) == 0x001E)
        #expect(try address(p, .powerFactorL2) == 0x0020)
        #expect(try address(p, .powerFactorL3) == 0x0022)
        #expect(try address(p, .demandActiveMax) == 0x0056)
        #expect(try address(p, .voltageL1L2) == 0x00C8)
        #expect(try address(p, .voltageL2L3) == 0x00CA)
        #expect(try address(p, .voltageL3L1) == 0x00CC)
        #expect(try address(p, .currentNeutral) == 0x00E0)
    }

    @Test("SDM630 declares units of each point's dimension: kWh, kvarh, W, V, A, Hz")
    func sdm630Units() throws {
        let p = try Repository.profile("sdm630")
        #expect(p.point(.energyImportTotal)?.unit == .kilowattHour)
        #expect(p.point(.energyReactiveTotal)?.unit == .kilovarHour)
        #expect(p.point(.demandActiveTotal)?.unit == .watt)
        #expect(p.point(.voltageL1)?.unit == .volt)
        #expect(p.point(.currentNeutral)?.unit == .ampere)
        #expect(p.point(.frequency)?.unit == .hertz)
        #expect(p.point(.powerFactorTotal)?.unit == .ratio)
    }

    @Test("Eastron identification: constant maker, serial u32 at holding 0xFC00, meter code u16 at 0xFC02")
    func eastronIdentification() throws {
        for stem in ["sdm630", "sdm120", "sdm72"] {
            let p = try Repository.profile(stem)
            #expect(p.identification[.manufacturer] == .constant("Eastron"))
            #expect(p.identification[.serial] == .register(RegisterLocation(kind: .holding, address: 0xFC00, type: .u32)))
            #expect(p.identification[.model] == .register(RegisterLocation(kind: .holding, address: 0xFC02, type: .u16)))
            #expect(p.clock == nil)
            #expect(p.loadProfile == nil)
        }
        // Software version at 0xFC03: in the SDM120 protocol, read from SDM630s by public
        // drivers, absent from the SDM72D-M-2 manual.
        for stem in ["sdm630", "sdm120"] {
            let p = try Repository.profile(stem)
            #expect(p.identification[.firmware] == .register(RegisterLocation(kind: .holding, address: 0xFC03, type: .u16)))
        }
        #expect(try Repository.profile("sdm72").identification[.firmware] == nil)
    }

    @Test("SDM72D-M-2 maps a subset of the SDM630 map at the same locations, without demand registers")
    func sdm72SharesSDM630Locations() throws {
        let sdm72 = try Repository.profile("sdm72")
        let sdm630 = try Repository.profile("sdm630")
        #expect(sdm72.manufacturer == "Eastron")
        #expect(sdm72.points.count == 25)
        for point in sdm72.points {
            #expect(point.location == sdm630.point(point.name)?.location, "\(point.name.rawValue)")
            #expect(point.unit == sdm630.point(point.name)?.unit, "\(point.name.rawValue)")
        }
        // The SDM72D-M-2 manual has no 30085/30087 demand registers.
        #expect(sdm72.point(.demandActiveTotal) == nil)
        #expect(sdm72.point(.demandActiveMax) == nil)
        // Spot checks against the manual's input register table (3xxxx - 30001 = address).
        #expect(try address(sdm72, .voltageL1L2) == 30201 - 30001)     // 0x00C8
        #expect(try address(sdm72, .currentNeutral) == 30225 - 30001)  // 0x00E0
        #expect(try address(sdm72, .energyTotal) == 30343 - 30001)     // 0x0156
    }

    @Test("SDM120 shares the SDM630 addresses for V, I, W and import/export kWh, and maps no total power")
    func sdm120SharesAddresses() throws {
        let sdm120 = try Repository.profile("sdm120")
        let sdm630 = try Repository.profile("sdm630")
        for name: PointName in [.voltageL1, .currentL1, .powerActiveL1, .energyImportTotal, .energyExportTotal] {
            #expect(try location(sdm120, name) == location(sdm630, name), "\(name.rawValue)")
        }
        #expect(try address(sdm120, .powerFactorL1) == 0x001E)
        #expect(try address(sdm120, .frequency) == 0x0046)
        #expect(try address(sdm120, .energyTotal) == 0x0156)
        #expect(sdm120.point(.powerActiveTotal) == nil)
        #expect(sdm120.point(.voltageL2) == nil)
    }

    @Test("the emulator profile identifies itself in ascii and has a writable u32 clock")
    func simulatorIdentificationAndClock() throws {
        let p = try Repository.profile("metergate-sim")
        #expect(p.manufacturer == "metergate")
        #expect(p.model == "SIM-3P")
        #expect(p.identification[.manufacturer] == .register(.init(kind: .holding, address: 0x0000, type: .ascii(registers: 8))))
        #expect(p.identification[.model] == .register(.init(kind: .holding, address: 0x0008, type: .ascii(registers: 8))))
        #expect(p.identification[.serial] == .register(.init(kind: .holding, address: 0x0010, type: .ascii(registers: 8))))
        #expect(p.identification[.firmware] == .register(.init(kind: .holding, address: 0x0018, type: .ascii(registers: 4))))
        #expect(p.clock == ClockDefinition(location: .init(kind: .holding, address: 0x0020, type: .u32), writable: true))
    }

    @Test("the emulator profile mixes word orders and types: CDAB float32, ABCD float64 energy, scaled i32 demand")
    func simulatorRegisterTypes() throws {
        let p = try Repository.profile("metergate-sim")
        #expect(try location(p, .voltageL1) == RegisterLocation(kind: .holding, address: 0x0100, type: .float32, order: .cdab))
        #expect(try location(p, .frequency).order == .cdab)
        #expect(try location(p, .energyImportTotal) == RegisterLocation(kind: .holding, address: 0x0200, type: .float64))
        #expect(try location(p, .energyExportTotal).address == 0x0204)
        #expect(p.point(.energyReactiveTotal)?.unit == .kilovarHour)
        let demand = try #require(p.point(.demandActiveTotal))
        #expect(demand.location.type == .i32)
        #expect(demand.scale == .factor(1))
        #expect(try location(p, .ctRatio) == RegisterLocation(kind: .holding, address: 0x0300, type: .u16, order: .cdab))
        #expect(try address(p, .ptRatio) == 0x0301)
    }

    @Test("the emulator's load-profile window is 6144 15-minute records in input registers, inside the address space")
    func simulatorLoadProfile() throws {
        let window = try #require(try Repository.profile("metergate-sim").loadProfile)
        #expect(window == LoadProfileWindow(kind: .input, headerAddress: 0x1000, recordsAddress: 0x1010,
                                            capacity: 6144, intervalSeconds: 900))
        // 6144 × 7 = 43008 registers from 0x1010: the last record ends at 0xB80F.
        let end = Int(window.recordsAddress) + window.capacity * LoadProfileRecord.registerCount
        #expect(end == 0xB810)
        #expect(Int(window.headerAddress) + LoadProfileHeader.registerCount <= Int(window.recordsAddress))
    }
}
