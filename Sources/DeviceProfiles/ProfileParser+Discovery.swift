import MeterKit
import YAMLSupport

/// The keys that let a scan find a meter: `sunspec`, `probe`, and `phases`.
///
/// ```yaml
/// sunspec: { model: 203, length: 105 }           # addresses become model offsets
/// probe: { field: model, equals: 0x0070 }        # an identification register's value
/// probe: { point: energy.import.total, within: [0, 1e9] }   # plausibility, the weak kind
/// phases: 3
/// ```
///
/// - `sunspec` (mapping): `model` (the meter model id) and `length` (its length in
///   registers). Point and scale-register addresses are then offsets from the model's id
///   register, identification addresses offsets from the common model's (Mn 2, Md 18,
///   Vr 42, SN 50), all in holding registers. Such a profile has no `probe` (the model id
///   is its signature), `clock` or `load_profile`.
/// - `probe` (mapping): either `field` (an identification field read from a register) and
///   `equals` (text, or a number compared in decimal), or `point` (a mapped point) and
///   `within` (a list of two numbers, the plausible range in the point's canonical unit).
/// - `phases` (1, 2 or 3): the phases the meter measures.
extension ProfileParser {
    static func parseSunSpec(_ field: YAMLField, top: YAMLMapping) throws(ProfileError) -> SunSpecBinding {
        let entry = try field.mapping(allowed: ["model", "length"])
        let model = try entry.required("model").integer(in: 2...0xFFFE, what: "model")
        let length = try entry.required("length").integer(in: 1...0xFFFF, what: "length")
        for key in ["probe", "clock", "load_profile"] {
            if let other = top[key] {
                throw other.fail("a sunspec profile takes no \(key): \(key == "probe" ? "its model id is the probe" : "SunSpec meter models have none")")
            }
        }
        return SunSpecBinding(model: UInt16(model), length: UInt16(length))
    }

    /// Every offset must fall inside its model and in holding registers, where SunSpec lives.
    static func checkSunSpecOffsets(_ profile: DeviceProfile, _ binding: SunSpecBinding, top: YAMLMapping) throws(ProfileError) {
        let points = try top.required("points").mapping(allowed: nil)
        let modelEnd = 2 + Int(binding.length)
        for point in profile.points {
            let field = points[point.name.rawValue] ?? points.owner
            guard point.location.kind == .holding else { throw field.fail("SunSpec models are in holding registers") }
            guard point.location.endAddress <= modelEnd else {
                throw field.fail("offset \(point.location.address) runs past model \(binding.model), which ends at offset \(modelEnd - 1)")
            }
            if case .powerOfTen(let register, _) = point.scale, Int(register) >= modelEnd {
                throw field.fail("scale_register offset \(register) is outside model \(binding.model)")
            }
        }
        guard let identification = top["identification"] else { return }
        let fields = try identification.mapping(allowed: nil)
        let commonEnd = 2 + Int(SunSpec.commonModelLength)
        for case let (which, .register(location)) in profile.identification {
            let field = fields[which.rawValue] ?? identification
            guard location.kind == .holding, location.endAddress <= commonEnd else {
                throw field.fail("a SunSpec identification register is a holding-register offset in the common model (below \(commonEnd))")
            }
        }
    }

    static func parseProbe(_ field: YAMLField, profile: DeviceProfile) throws(ProfileError) -> ProfileProbe {
        let entry = try field.mapping(allowed: ["field", "equals", "point", "within"])
        if let which = entry["field"] {
            let text = try which.name()
            guard let identification = IdentificationField(rawValue: text) else {
                throw which.fail("unknown identification field '\(text)'; expected one of \(IdentificationField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard case .register(let location)? = profile.identification[identification] else {
                throw which.fail("the probe reads identification.\(text), which the profile does not map to a register")
            }
            let expected = try entry.required("equals")
            if let extra = entry["point"] ?? entry["within"] { throw extra.fail("a probe checks either a field or a point, not both") }
            let value: String
            if case .ascii = location.type {
                value = try expected.name()
            } else {
                value = String(try expected.integer(in: Int(Int64.min)...Int(Int64.max)))
            }
            return .identification(identification, equals: value)
        }
        let pointField = try entry.required("point")
        if let extra = entry["equals"] { throw extra.fail("equals goes with field, not point") }
        let text = try pointField.name()
        guard let name = PointName(rawValue: text), profile.point(name) != nil else {
            throw pointField.fail("the probe reads point '\(text)', which the profile does not map")
        }
        let bounds = try entry.required("within")
        let items = try bounds.sequence()
        guard items.count == 2 else { throw bounds.fail("within takes two numbers, [lowest, highest]") }
        let low = try items[0].double(), high = try items[1].double()
        guard low <= high else { throw bounds.fail("within [\(low), \(high)] is empty") }
        return .point(name, within: low...high)
    }
}
