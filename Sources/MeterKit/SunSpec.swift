/// The SunSpec information model as far as a meter reader needs it.
///
/// A SunSpec device announces itself with the marker "SunS" at one of a few base addresses
/// in the holding registers, followed by a chain of models, each a header (model id,
/// length in registers) and its body. The common model (id 1) comes first and carries the
/// identity; meter models (201-204 integer with scale factors, 211-214 float) follow. The
/// addresses of a model therefore depend on the device, and are found by walking the chain.
public enum SunSpec {
    /// "SunS" as two registers.
    public static let marker: [UInt16] = [0x5375, 0x6E53]
    /// Where devices put the marker, in the order to try them: 40000 is the specification's
    /// choice, 0 and 50000 are in use by some vendors.
    public static let baseAddresses: [UInt16] = [40_000, 0, 50_000]
    public static let commonModelID: UInt16 = 1
    /// The model id that ends the chain (its length register reads 0).
    public static let endModelID: UInt16 = 0xFFFF
    /// The common model's length in registers (65 in older devices, 66 with the pad register).
    public static let commonModelLength: UInt16 = 66
    /// A chain longer than this is taken as garbage rather than walked further.
    public static let maximumModels = 64

    /// Offsets of the common model's fields from its id register: each field's text length
    /// in registers follows. Mn (manufacturer), Md (model), Opt (options), Vr (version), SN.
    public enum CommonModelField: UInt16, Sendable, CaseIterable {
        case manufacturer = 2, model = 18, options = 34, version = 42, serialNumber = 50, deviceAddress = 66

        public var registers: Int {
            switch self {
            case .manufacturer, .model, .serialNumber: 16
            case .options, .version: 8
            case .deviceAddress: 1
            }
        }
    }

    /// Where a device lays out its chain when nothing forces otherwise: the marker at 40000,
    /// the common model right after it, then the meter model. The emulator uses this layout.
    public static func standardPlacement(meterModelFollowing commonLength: UInt16 = commonModelLength) -> SunSpecPlacement {
        let common = baseAddresses[0] + UInt16(marker.count)
        return SunSpecPlacement(commonModel: common, meterModel: common + 2 + commonLength)
    }
}

/// One model header found in a device's chain.
public struct SunSpecModelHeader: Sendable, Hashable {
    public var id: UInt16
    /// Registers after the two header registers.
    public var length: UInt16
    /// Address of the id register.
    public var address: UInt16

    public init(id: UInt16, length: UInt16, address: UInt16) {
        self.id = id
        self.length = length
        self.address = address
    }

    /// Address of the next model's id register, or nil past the address space.
    public var nextAddress: UInt16? {
        let next = Int(address) + 2 + Int(length)
        return next <= 0xFFFF ? UInt16(next) : nil
    }
}

/// A profile that describes a SunSpec model rather than fixed addresses.
///
/// As loaded, such a profile's point addresses are offsets from the meter model's id
/// register and its identification addresses are offsets from the common model's; placing
/// it on a device (`DeviceProfile.placed(at:)`) turns them into register addresses.
public struct SunSpecBinding: Sendable, Hashable {
    /// The meter model the profile describes (201-204, 211-214).
    public var model: UInt16
    /// The model's length as the specification gives it; a device announcing another
    /// length has a different layout and is not read with this profile.
    public var length: UInt16
    /// Where the models are on one device; nil until placed.
    public var placement: SunSpecPlacement?

    public init(model: UInt16, length: UInt16, placement: SunSpecPlacement? = nil) {
        self.model = model
        self.length = length
        self.placement = placement
    }
}

/// The id-register addresses of the common model and the meter model on one device.
public struct SunSpecPlacement: Sendable, Hashable {
    public var commonModel: UInt16
    public var meterModel: UInt16

    public init(commonModel: UInt16, meterModel: UInt16) {
        self.commonModel = commonModel
        self.meterModel = meterModel
    }
}
