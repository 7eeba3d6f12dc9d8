extension DeviceProfile {
    /// This SunSpec profile with its offsets turned into the addresses of one device:
    /// points and their scale-factor registers relative to the meter model, identification
    /// relative to the common model.
    ///
    /// Returns nil for a profile that is not SunSpec, is already placed, or whose registers
    /// would run past 0xFFFF at this placement (a corrupt chain).
    public func placed(at placement: SunSpecPlacement) -> DeviceProfile? {
        guard var binding = sunSpec, binding.placement == nil else { return nil }
        var profile = self
        var newPoints: [PointDefinition] = []
        for point in points {
            guard let location = point.location.shifted(by: placement.meterModel) else { return nil }
            var moved = point
            moved.location = location
            if case .powerOfTen(let register, let kind) = point.scale {
                guard let address = Self.shift(register, by: placement.meterModel) else { return nil }
                moved.scale = .powerOfTen(register: address, kind: kind)
            }
            newPoints.append(moved)
        }
        var newIdentification: [IdentificationField: IdentificationSource] = [:]
        for (field, source) in identification {
            switch source {
            case .constant:
                newIdentification[field] = source
            case .register(let location):
                guard let moved = location.shifted(by: placement.commonModel) else { return nil }
                newIdentification[field] = .register(moved)
            }
        }
        profile.points = newPoints
        profile.identification = newIdentification
        binding.placement = placement
        profile.sunSpec = binding
        return profile
    }

    private static func shift(_ offset: UInt16, by base: UInt16) -> UInt16? {
        let address = Int(offset) + Int(base)
        return address <= 0xFFFF ? UInt16(address) : nil
    }
}

extension RegisterLocation {
    /// The same value `base` registers further on, if it still ends inside the address space.
    func shifted(by base: UInt16) -> RegisterLocation? {
        var moved = self
        guard Int(address) + Int(base) + type.registerCount <= 0x1_0000 else { return nil }
        moved.address = address + base
        return moved
    }
}
