import MeterKit

/// The SunSpec chain a simulated meter serves when it impersonates a SunSpec profile.
///
/// A SunSpec reader does not trust fixed addresses: it finds the marker, walks the model
/// headers and reads the common model for identity, and many read a whole model body in
/// one request. So the emulator serves the chain a real device has, not only the profile's
/// points: the marker "SunS", the common model (id 1, length 66: Mn, Md, Opt, Vr, SN as
/// NUL-padded ASCII, DA the unit id, a pad register), the meter model's header, its whole
/// body, and the end model (0xFFFF, 0). Registers of the body the profile does not map
/// read "not implemented" as on a device that lacks the quantity: 0x8000 in the integer
/// models (201-204), a NaN pair 0x7FC0 0x0000 on every two-register slot (slots start at
/// offset 2) in the float models (211-214). The event bits (Evt, the body's last two
/// registers) read 0: no events.
///
/// The common model comes from the meter's identity, not from the profile's
/// identification map, because on a SunSpec device the common model IS the identity; a
/// profile's identification entries only say where a reader finds it.
struct SunSpecChain: Sendable {
    /// Registers with the same contents at every instant.
    struct FixedBlock: Sendable, Hashable {
        var start: Int
        var words: [UInt16]
    }

    let binding: SunSpecBinding
    let placement: SunSpecPlacement
    /// The marker with the common model, the meter model's header, Evt and the end model.
    let fixedBlocks: [FixedBlock]
    /// Addresses of the meter model's body (after its two header registers).
    let body: Range<Int>

    /// - Parameters:
    ///   - profile: a placed SunSpec profile (`DeviceProfile.placed(at:)`); nil otherwise,
    ///     or when the chain would not fit the address space.
    ///   - unit: the Modbus unit id, reported as DA.
    ///   - serialNumber, firmware: the meter's identity, reported as SN and Vr.
    init?(profile: DeviceProfile, unit: UInt8, serialNumber: String, firmware: String) {
        guard let binding = profile.sunSpec, let placement = binding.placement,
              placement.commonModel >= UInt16(SunSpec.marker.count) else { return nil }
        let bodyStart = Int(placement.meterModel) + 2
        let bodyEnd = bodyStart + Int(binding.length)
        guard binding.length >= 2, bodyEnd + 2 <= 0x10000 else { return nil }
        self.binding = binding
        self.placement = placement
        body = bodyStart..<bodyEnd

        func text(_ value: String, _ field: SunSpec.CommonModelField) -> [UInt16] {
            let location = RegisterLocation(kind: .holding, address: 0, type: .ascii(registers: field.registers))
            return MeterValueEncoder.encode(text: value, for: location)
        }
        // Mn, Md, Opt, Vr, SN, DA, then the pad register that brings the length to 66.
        let common = text(profile.manufacturer, .manufacturer) + text(profile.model, .model) + text("", .options)
            + text(firmware, .version) + text(serialNumber, .serialNumber) + [UInt16(unit), 0x8000]
        let marker = FixedBlock(start: Int(placement.commonModel) - SunSpec.marker.count,
                                words: SunSpec.marker + [SunSpec.commonModelID, UInt16(common.count)] + common)
        fixedBlocks = [
            marker,
            FixedBlock(start: Int(placement.meterModel), words: [binding.model, binding.length]),
            FixedBlock(start: bodyEnd - 2, words: [0, 0]),  // Evt: no events
            FixedBlock(start: bodyEnd, words: [SunSpec.endModelID, 0]),
        ]
    }

    /// Whether the meter model is one of SunSpec's float meters (211-214), whose
    /// "not implemented" is a float NaN rather than the int16 0x8000.
    var isFloatModel: Bool { (211...214).contains(binding.model) }

    /// What an unmapped register of the meter model's body reads.
    func notImplementedWord(at address: Int) -> UInt16 {
        guard isFloatModel else { return 0x8000 }
        // Float slots start at offset 2, right after the header: even offsets hold the
        // NaN's high word.
        return (address - Int(placement.meterModel)) % 2 == 0 ? 0x7FC0 : 0x0000
    }
}
