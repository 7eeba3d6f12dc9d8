import MeterKit
import Modbus

/// The models a SunSpec device announces, found by walking its chain.
public struct SunSpecChain: Sendable, Hashable {
    /// Where the "SunS" marker is.
    public var base: UInt16
    /// Model headers in chain order, the end model excluded.
    public var models: [SunSpecModelHeader]

    public init(base: UInt16, models: [SunSpecModelHeader]) {
        self.base = base
        self.models = models
    }

    public var modelIDs: [UInt16] { models.map(\.id) }

    /// Where `binding`'s model and the common model sit on this device, or why it cannot be read
    /// with that profile: the model is missing, or announces a length other than the profile's
    /// (a different revision of the model, whose offsets cannot be trusted).
    public func placement(for binding: SunSpecBinding) -> Result<SunSpecPlacement, SunSpecMismatch> {
        guard let common = models.first(where: { $0.id == SunSpec.commonModelID }) else { return .failure(.noCommonModel) }
        guard let model = models.first(where: { $0.id == binding.model }) else {
            return .failure(.modelMissing(binding.model, present: modelIDs))
        }
        guard model.length == binding.length else {
            return .failure(.lengthDiffers(binding.model, device: model.length, profile: binding.length))
        }
        return .success(SunSpecPlacement(commonModel: common.address, meterModel: model.address))
    }

    /// Looks for the marker at each base address and walks the chain behind the first found.
    ///
    /// Runs on the bus owner thread inside one `perform`, so a walk of a dozen headers is one
    /// job. An exception or a timeout at a base means "not here" (meters answer 02 or stay
    /// silent for registers they lack); a unit silent at every base is reported as the
    /// timeout, because then nothing answered at all.
    ///
    /// - Parameter stopWhenSilent: give up at the first timeout, before any base answered:
    ///   a poller's budget for a dead meter is one timeout, not one per base.
    /// - Returns: nil when no base holds the marker.
    static func discover(_ session: ModbusBusSession, unit: UInt8, bases: [UInt16] = SunSpec.baseAddresses,
                         stopWhenSilent: Bool = false) throws(ModbusError) -> SunSpecChain? {
        var silence: ModbusError?
        var answered = false
        for base in bases {
            let words: [UInt16]
            do {
                words = try session.read(.holding, unit: unit, address: base, count: 2)
                answered = true
            } catch {
                switch error {
                case .exception: answered = true; continue
                case .timeout:
                    if stopWhenSilent && !answered { throw error }
                    silence = error
                    continue
                default: throw error
                }
            }
            guard words == SunSpec.marker else { continue }
            return SunSpecChain(base: base, models: try walk(session, unit: unit, from: base + 2))
        }
        if !answered, let silence { throw silence }
        return nil
    }

    static func walk(_ session: ModbusBusSession, unit: UInt8, from start: UInt16) throws(ModbusError) -> [SunSpecModelHeader] {
        var models: [SunSpecModelHeader] = []
        var address: UInt16? = start
        while let at = address, models.count < SunSpec.maximumModels, Int(at) + 2 <= 0x10000 {
            let header = try session.read(.holding, unit: unit, address: at, count: 2)
            // Some devices end the chain with 0 instead of 0xFFFF: stop on either.
            guard header[0] != SunSpec.endModelID, header[0] != 0 else { break }
            let model = SunSpecModelHeader(id: header[0], length: header[1], address: at)
            models.append(model)
            address = model.nextAddress
        }
        return models
    }
}

/// Why a SunSpec profile does not fit a device's chain.
public enum SunSpecMismatch: Error, Sendable, Hashable, CustomStringConvertible {
    case noMarker
    case noCommonModel
    case modelMissing(UInt16, present: [UInt16])
    case lengthDiffers(UInt16, device: UInt16, profile: UInt16)
    case beyondAddressSpace(UInt16)

    public var description: String {
        switch self {
        case .noMarker:
            "no SunSpec marker at \(SunSpec.baseAddresses.map(String.init).joined(separator: ", "))"
        case .noCommonModel:
            "the SunSpec chain has no common model (1)"
        case .modelMissing(let id, let present):
            "the SunSpec chain has no model \(id) (it has \(present.map(String.init).joined(separator: ", ")))"
        case .lengthDiffers(let id, let device, let profile):
            "SunSpec model \(id) is \(device) registers long on the device but \(profile) in the profile"
        case .beyondAddressSpace(let id):
            "SunSpec model \(id) would run past register 0xFFFF"
        }
    }
}
