/// A meter family's register map, loaded from a file in `devices/`.
///
/// Profiles are data, not code, so that supporting a new meter is a reviewed YAML file.
/// The same profile drives the gateway's reads and the emulator's register bank.
public struct DeviceProfile: Sendable, Hashable {
    /// The file stem (`sdm630`): how configs and the command line refer to the profile.
    public var id: String
    public var manufacturer: String
    public var model: String
    public var description: String
    public var identification: [IdentificationField: IdentificationSource]
    public var points: [PointDefinition]
    public var clock: ClockDefinition?
    public var loadProfile: LoadProfileWindow?
    /// Phases the meter measures (1 single-phase, 2 split-phase, 3 polyphase); nil for
    /// meters that report no per-phase values. Commissioning expects these phases live.
    public var phases: Int?
    /// How a scan recognises the family; nil for profiles that are only chosen by name.
    public var probe: ProfileProbe?
    /// Set for SunSpec profiles, whose addresses are model offsets until placed.
    public var sunSpec: SunSpecBinding?

    public init(id: String, manufacturer: String, model: String, description: String = "",
                identification: [IdentificationField: IdentificationSource] = [:],
                points: [PointDefinition], clock: ClockDefinition? = nil, loadProfile: LoadProfileWindow? = nil,
                phases: Int? = nil, probe: ProfileProbe? = nil, sunSpec: SunSpecBinding? = nil) {
        self.id = id
        self.manufacturer = manufacturer
        self.model = model
        self.description = description
        self.identification = identification
        self.points = points
        self.clock = clock
        self.loadProfile = loadProfile
        self.phases = phases
        self.probe = probe
        self.sunSpec = sunSpec
    }

    /// True for a SunSpec profile whose addresses are still model offsets: reading it needs
    /// the device's chain first (`placed(at:)`).
    public var needsPlacement: Bool { sunSpec != nil && sunSpec?.placement == nil }

    public func point(_ name: PointName) -> PointDefinition? { points.first { $0.name == name } }
}

/// The facts that identify one physical meter.
public enum IdentificationField: String, Sendable, Hashable, CaseIterable, Codable {
    case manufacturer, model, serial, firmware
}

/// Identity comes from a register, or is fixed for the family when the meter does not
/// report it (an Eastron meter never says "Eastron").
public enum IdentificationSource: Sendable, Hashable {
    case register(RegisterLocation)
    case constant(String)
}

/// A meter clock exposed as UTC seconds since 1970 in registers, optionally settable.
public struct ClockDefinition: Sendable, Hashable {
    public var location: RegisterLocation
    public var writable: Bool

    public init(location: RegisterLocation, writable: Bool) {
        self.location = location
        self.writable = writable
    }
}

/// Where a meter exposes its recorded load profile (its own interval memory).
///
/// The window is a ring of fixed-size records (see `LoadProfileRecord`) in input or holding
/// registers. Record `slot` starts at `recordsAddress + slot * LoadProfileRecord.registerCount`,
/// and the interval starting at meter time `t` lives in slot `(t / intervalSeconds) % capacity`,
/// so a reader can address by index or by time without a write-then-read handshake, which
/// keeps the window safe on a bus shared by several masters.
public struct LoadProfileWindow: Sendable, Hashable {
    public var kind: RegisterKind
    public var headerAddress: UInt16
    public var recordsAddress: UInt16
    public var capacity: Int
    public var intervalSeconds: Int

    public init(kind: RegisterKind, headerAddress: UInt16, recordsAddress: UInt16, capacity: Int, intervalSeconds: Int) {
        self.kind = kind
        self.headerAddress = headerAddress
        self.recordsAddress = recordsAddress
        self.capacity = capacity
        self.intervalSeconds = intervalSeconds
    }

    /// The slot that holds the interval starting at `intervalStart` (meter time, Unix seconds).
    public func slot(forIntervalStart intervalStart: Int64) -> Int {
        let index = intervalStart / Int64(intervalSeconds)
        let slot = index % Int64(capacity)
        return Int(slot < 0 ? slot + Int64(capacity) : slot)  // instants before 1970 wrap too
    }

    /// First register of a slot's record; `slot` must be in `0..<capacity` (as `slot(forIntervalStart:)`
    /// returns), and a loaded profile's window is checked to fit the address space.
    public func address(ofSlot slot: Int) -> UInt16 {
        precondition((0..<capacity).contains(slot), "load-profile slot \(slot) outside 0..<\(capacity)")
        return UInt16(truncatingIfNeeded: Int(recordsAddress) + slot * LoadProfileRecord.registerCount)
    }
}
