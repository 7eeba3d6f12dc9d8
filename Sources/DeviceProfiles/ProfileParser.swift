import Foundation
import MeterKit
import YAMLSupport

/// Reads one device profile (a YAML file in `devices/`) into a `DeviceProfile`.
///
/// The parser is strict on purpose: a profile drives both billing reads and the emulator,
/// so a typo must stop the load with a message naming the file, line and key path rather
/// than leave a point silently unread or decoded from the wrong registers.
///
/// # Format
///
/// ```yaml
/// manufacturer: Eastron                    # text, required
/// model: SDM630                            # text, required
/// description: Three-phase DIN-rail meter  # text, default ""
/// defaults: { kind: input, type: float32, order: ABCD }
/// identification:
///   manufacturer: { constant: Eastron }
///   serial: { kind: holding, address: 0xFC00, type: u32 }
/// points:
///   voltage.l1: { address: 0x0000, unit: V }
/// clock: { kind: holding, address: 0x0100, type: u32, writable: true }
/// load_profile: { kind: input, header: 0x1000, records: 0x1010, capacity: 6144, interval: 900 }
/// ```
///
/// Top-level keys (no others are accepted):
/// - `manufacturer`, `model` (text, required); `description` (text, default empty).
/// - `defaults` (mapping, optional): `kind` (`holding` | `input`, no default), `type`
///   (any numeric type, no default), `order` (`ABCD` | `CDAB` | `BADC` | `DCBA`, default
///   `ABCD`, the Modbus big-endian convention). Applied to every point and identification
///   register that does not set the key itself; `kind` and `order` also apply to `clock`
///   and `kind` to `load_profile`. A register without a kind is an error rather than a
///   guess, because reading the wrong table returns plausible garbage.
/// - `identification` (mapping, optional): keys `manufacturer`, `model`, `serial`,
///   `firmware`; each either `{ constant: TEXT }` (identity the meter does not report) or a
///   register: `kind`, `address` (required), `type`, `order`, `length` (registers, required
///   for and only allowed with `ascii`).
/// - `points` (mapping, required, at least one): keys are names from `PointName`; each
///   value has `address` (required), `unit` (required, a `MeasurementUnit` of the point's
///   dimension), `kind`, `type` (numeric only), `order`, `scale` (a fixed non-zero factor),
///   `scale_register` (address of a SunSpec `i16` power-of-ten register in the point's
///   table; exclusive with `scale`), `sentinels` (bool, default true: "not implemented"
///   patterns read as no value).
/// - `clock` (mapping, optional): UTC Unix seconds; `address` (required), `kind`, `type`
///   (`u32` | `i32` | `u64` | `i64`, default `u32`, not taken from `defaults.type`),
///   `order`, `writable` (bool, default false).
/// - `load_profile` (mapping, optional): the meter's interval memory (`LoadProfileWindow`):
///   `kind`, `header` (address of the 6-register header), `records` (address of the first
///   7-register record), `capacity` (records), `interval` (seconds, dividing a day), all
///   required but `kind`.
///
/// Addresses are 0...65535 written in decimal or `0x` hex (never octal), and every value
/// must end inside the address space. No two registers of the profile (points,
/// identification, clock, load-profile header and records) may overlap within one table.
/// Duplicate keys are rejected. `sunspec`, `probe` and `phases` are described with
/// `parseSunSpec` in ProfileParser+Discovery.swift.
public enum ProfileParser {
    static let topLevelKeys = ["manufacturer", "model", "description", "defaults", "identification", "points",
                               "clock", "load_profile", "phases", "probe", "sunspec"]
    static let pointKeys = ["kind", "address", "type", "order", "unit", "scale", "scale_register", "length", "sentinels"]

    /// Parses profile text.
    ///
    /// - Parameters:
    ///   - yaml: the file's contents.
    ///   - id: the profile id, by convention the file stem (`sdm630`).
    ///   - file: how errors name the file (`devices/sdm630.yaml`).
    public static func parse(yaml: String, id: String, file: String) throws(ProfileError) -> DeviceProfile {
        let root = YAMLField(node: try YAMLDocument.compose(yaml, file: file), path: "", keyLine: nil, file: file)
        let top = try root.mapping(allowed: topLevelKeys)
        let manufacturer = try top.required("manufacturer").name()
        let model = try top.required("model").name()
        let description = try top["description"]?.string().trimmingCharacters(in: .whitespaces) ?? ""
        let defaults = try RegisterDefaults(top["defaults"])
        let sunSpec = try top["sunspec"].map { f throws(ProfileError) in try parseSunSpec(f, top: top) }
        var layout = RegisterLayout()
        var identification: [IdentificationField: IdentificationSource] = [:]
        if let field = top["identification"] {
            // SunSpec identification offsets count from the common model and point offsets
            // from the meter model: two address frames, so overlaps are checked within each.
            var commonModelLayout = RegisterLayout()
            identification = sunSpec == nil
                ? try parseIdentification(field, defaults: defaults, layout: &layout)
                : try parseIdentification(field, defaults: defaults, layout: &commonModelLayout)
        }
        let points = try parsePoints(try top.required("points"), defaults: defaults, layout: &layout)
        var clock: ClockDefinition?
        if let field = top["clock"] { clock = try parseClock(field, defaults: defaults, layout: &layout) }
        var loadProfile: LoadProfileWindow?
        if let field = top["load_profile"] {
            loadProfile = try parseLoadProfile(field, defaults: defaults, layout: &layout)
        }
        var profile = DeviceProfile(id: id, manufacturer: manufacturer, model: model, description: description,
                                    identification: identification, points: points, clock: clock, loadProfile: loadProfile,
                                    sunSpec: sunSpec)
        if let binding = sunSpec { try checkSunSpecOffsets(profile, binding, top: top) }
        profile.phases = try top["phases"]?.integer(in: 1...3, what: "phases")
        if let binding = sunSpec {
            profile.probe = .sunSpecModel(binding.model)
        } else if let field = top["probe"] {
            profile.probe = try parseProbe(field, profile: profile)
        }
        return profile
    }

    /// Reads and parses a profile file; the id is the file stem.
    ///
    /// - Parameter displayPath: how errors name the file; defaults to the path relative to
    ///   the current directory when the file is inside it, else the absolute path.
    public static func parse(contentsOf url: URL, displayPath: String? = nil) throws(ProfileError) -> DeviceProfile {
        let file = displayPath ?? ProfileParser.displayPath(for: url)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ProfileError(file: file, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProfileError(file: file, message: "the file is not UTF-8 text")
        }
        return try parse(yaml: text, id: url.deletingPathExtension().lastPathComponent, file: file)
    }

    /// A path for messages: relative to the current directory when inside it, so that
    /// `devices/sdm630.yaml:14:` is short and still opens from the shell it was printed in.
    public static func displayPath(for url: URL,
                                   currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let path = url.standardizedFileURL.path
        let base = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        // From `/` a relative path would only hide that the path is absolute.
        guard base != "/" else { return path }
        let prefix = base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    // MARK: - Points

    static func parsePoints(_ field: YAMLField, defaults: RegisterDefaults,
                            layout: inout RegisterLayout) throws(ProfileError) -> [PointDefinition] {
        let entries = try field.mapping(allowed: nil).entries
        guard !entries.isEmpty else { throw field.fail("a profile must map at least one point") }
        var points: [PointDefinition] = []
        for (key, pointField) in entries {
            points.append(try parsePoint(key, pointField, defaults: defaults, layout: &layout))
        }
        return points
    }

    static func parsePoint(_ key: String, _ field: YAMLField, defaults: RegisterDefaults,
                           layout: inout RegisterLayout) throws(ProfileError) -> PointDefinition {
        guard let name = PointName(rawValue: key) else {
            let vocabulary = PointName.allCases.map(\.rawValue)
            let close = Suggestions.close(to: key, in: vocabulary)
            let message = close.isEmpty
                ? "unknown point name '\(key)'; the vocabulary is \(vocabulary.joined(separator: ", "))"
                : "unknown point name '\(key)' (did you mean \(close.joined(separator: ", "))?)"
            throw ProfileError(file: field.file, line: field.keyLine, keyPath: field.path, message: message)
        }
        let entry = try field.mapping(allowed: pointKeys)
        let location = try parseLocation(entry, defaults: defaults)
        if case .ascii = location.type {
            throw (entry["type"] ?? field).fail("a point must be numeric; ascii is only for identification")
        }
        let unitField = try entry.required("unit")
        let unit = try parseUnit(unitField)
        let canonical = name.canonicalUnit
        guard unit.dimension == canonical.dimension else {
            throw unitField.fail("unit \(unit.rawValue) measures \(words(unit.dimension)), but \(key) is "
                + "\(words(canonical.dimension)) (in \(canonical.rawValue) or a multiple)")
        }
        var scale = Scale.none
        if let scaleField = entry["scale"] {
            let factor = try scaleField.double()
            guard factor != 0 else { throw scaleField.fail("scale must not be 0: it would zero every reading") }
            scale = .factor(factor)
        }
        if let registerField = entry["scale_register"] {
            guard entry["scale"] == nil else {
                throw registerField.fail("use either scale or scale_register, not both")
            }
            scale = .powerOfTen(register: try registerField.address(), kind: location.kind)
        }
        let sentinels = try entry["sentinels"]?.bool() ?? true
        try layout.claim(location.kind, Int(location.address)..<location.endAddress, by: field)
        return PointDefinition(name: name, location: location, unit: unit, scale: scale, sentinels: sentinels)
    }

    static func parseUnit(_ field: YAMLField) throws(ProfileError) -> MeasurementUnit {
        let text = try field.string().trimmingCharacters(in: .whitespaces)
        guard let unit = MeasurementUnit(rawValue: text) else {
            let all = MeasurementUnit.allCases.map(\.rawValue)
            throw field.fail("unknown unit '\(text)'\(Suggestions.hint(for: text, in: all)); "
                + "expected one of \(all.joined(separator: ", "))")
        }
        return unit
    }

    /// `activeEnergy` → "active energy", for messages read by people.
    static func words(_ dimension: MeasurementUnit.Dimension) -> String {
        var text = ""
        for character in dimension.rawValue {
            if character.isUppercase { text += " " + character.lowercased() } else { text.append(character) }
        }
        return text
    }
}
