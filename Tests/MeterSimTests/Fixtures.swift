import DeviceProfiles
import Foundation
import MeterKit
@testable import MeterSim

/// Shared test data: instants, meters and two device profiles (an Eastron-style float map
/// and a SunSpec-style scaled-integer map) written out by hand from the domain brief.
enum Fixtures {
    /// A UTC instant from "yyyy-MM-ddTHH:mm:ssZ".
    static func utc(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter.utc.date(from: text) else { fatalError("bad instant \(text)") }
        return date
    }

    static func unix(_ text: String) -> Int64 { Int64(utc(text).timeIntervalSince1970) }

    static func meter(unit: UInt8 = 7, seed: UInt64 = 42, loadClass: LoadClass = .residential,
                      clockAnchor: Date = utc("2026-01-01T00:00:00Z"), clockOffset: TimeInterval = 0, driftPPM: Double = 0,
                      outages: [Range<Date>] = [], resets: [Date] = [], ctRatio: Double = 1,
                      phases: Int = 3, wiring: WiringFaults = .correct) -> SimulatedMeter {
        SimulatedMeter(.init(address: MeterAddress(unit: unit), seed: seed, loadClass: loadClass, ctRatio: ctRatio,
                             clockAnchor: clockAnchor, clockOffset: clockOffset, clockDriftPPM: driftPPM,
                             outages: outages, registerResets: resets, phases: phases, wiring: wiring))
    }

    /// A profile from the repository's devices/ folder, found from this file's location.
    static func shipped(_ stem: String) throws -> DeviceProfile {
        let devices = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("devices")
        return try ProfileCatalog(directory: devices.path).load(stem)
    }

    /// Whole-Wh register reading, the rounding the load profile uses.
    static func wh(_ model: EnergyModel, _ t: Date) -> Int64 {
        Int64(model.energyWh(at: t).rounded(.toNearestOrAwayFromZero))
    }

    /// Sum of recorded import energy for meter intervals [from, to).
    static func recordedSum(_ profile: RecordedProfile, from: Int64, to: Int64, at now: Date) -> Int64? {
        var sum: Int64 = 0
        for start in stride(from: from, to: to, by: profile.intervalSeconds) {
            guard let record = profile.record(intervalStart: start, at: now) else { return nil }
            sum += Int64(record.importWh)
        }
        return sum
    }

    static let loadProfileWindow = LoadProfileWindow(kind: .holding, headerAddress: 0x2000, recordsAddress: 0x2010,
                                                     capacity: 6_144, intervalSeconds: 900)

    /// Eastron SDM630 input-register addresses (domain brief section 7), plus a holding
    /// u32 serial, a writable clock and a load-profile window for the emulator.
    static func eastron(clockWritable: Bool = true) -> DeviceProfile {
        func f(_ name: PointName, _ address: UInt16, _ unit: MeasurementUnit) -> PointDefinition {
            PointDefinition(name: name, location: RegisterLocation(kind: .input, address: address, type: .float32), unit: unit)
        }
        return DeviceProfile(
            id: "sdm630", manufacturer: "Eastron", model: "SDM630",
            identification: [.serial: .register(RegisterLocation(kind: .holding, address: 0xFC00, type: .u32)),
                             .manufacturer: .constant("Eastron")],
            points: [
                f(.voltageL1, 0x0000, .volt), f(.voltageL2, 0x0002, .volt), f(.voltageL3, 0x0004, .volt),
                f(.currentL1, 0x0006, .ampere), f(.currentL2, 0x0008, .ampere), f(.currentL3, 0x000A, .ampere),
                f(.powerActiveL1, 0x000C, .watt), f(.powerActiveL2, 0x000E, .watt), f(.powerActiveL3, 0x0010, .watt),
                f(.powerActiveTotal, 0x0034, .watt), f(.powerApparentTotal, 0x0038, .voltAmpere),
                f(.powerReactiveTotal, 0x003C, .voltAmpereReactive), f(.powerFactorTotal, 0x003E, .ratio),
                f(.frequency, 0x0046, .hertz), f(.energyImportTotal, 0x0048, .kilowattHour),
                f(.energyExportTotal, 0x004A, .kilowattHour), f(.demandActiveTotal, 0x0054, .watt),
                f(.energyTotal, 0x0156, .kilowattHour), f(.energyReactiveTotal, 0x0158, .kilovarHour),
            ],
            clock: ClockDefinition(location: RegisterLocation(kind: .holding, address: 0x1000, type: .u32), writable: clockWritable),
            loadProfile: loadProfileWindow)
    }

    /// SunSpec model 203 style (holding, i16 with scale factors, acc32 energy), with the
    /// common-model text identification.
    static func sunSpec() -> DeviceProfile {
        func p(_ name: PointName, _ address: UInt16, _ type: RegisterType, _ unit: MeasurementUnit, sf: UInt16) -> PointDefinition {
            PointDefinition(name: name, location: RegisterLocation(kind: .holding, address: address, type: type), unit: unit,
                            scale: .powerOfTen(register: sf, kind: .holding))
        }
        return DeviceProfile(
            id: "sunspec203", manufacturer: "Acme", model: "SunSpec 203",
            identification: [.manufacturer: .register(RegisterLocation(kind: .holding, address: 40004, type: .ascii(registers: 16))),
                             .model: .register(RegisterLocation(kind: .holding, address: 40020, type: .ascii(registers: 16))),
                             .firmware: .register(RegisterLocation(kind: .holding, address: 40044, type: .ascii(registers: 8))),
                             .serial: .register(RegisterLocation(kind: .holding, address: 40052, type: .ascii(registers: 16)))],
            points: [
                p(.currentL1, 40072, .i16, .ampere, sf: 40076), p(.currentL2, 40073, .i16, .ampere, sf: 40076),
                p(.voltageL1, 40078, .i16, .volt, sf: 40085), p(.frequency, 40086, .i16, .hertz, sf: 40087),
                p(.powerActiveTotal, 40088, .i16, .watt, sf: 40092),
                p(.energyImportTotal, 40116, .acc32, .wattHour, sf: 40124),
            ])
    }
}

extension Result {
    /// The failure, for `#expect(result.error == ...)`.
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var value: Success? { try? get() }
}
