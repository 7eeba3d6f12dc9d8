import DeviceProfiles
import MeterKit
import YAMLSupport

/// The `meters` section: single meters and groups, expanded in file order and checked
/// against the buses, each other and their profiles.
extension ConfigParser {
    static let meterKeys = ["id", "bus", "unit", "units", "profile", "channels", "ct", "pt", "metadata"]
    static let metadataKeys = ["rate_class", "tariff", "stratum", "weight", "weather_zone", "site"]

    mutating func parseMeters(_ field: YAMLField, catalog: ProfileCatalog) throws(SourceError) -> [MeterConfiguration] {
        let items = try field.sequence()
        guard !items.isEmpty else { throw field.fail("list at least one meter") }
        var meters: [MeterConfiguration] = []
        for item in items { meters += try parseMeterEntry(item, catalog: catalog) }
        return meters
    }

    /// One entry: a meter, or a group of meters (`units`) sharing everything but unit and id.
    private mutating func parseMeterEntry(_ item: YAMLField, catalog: ProfileCatalog) throws(SourceError) -> [MeterConfiguration] {
        let entry = try item.mapping(allowed: Self.meterKeys)
        let idField = try entry.required("id")
        let template = try MeterIDTemplate(parsing: try idField.name(), field: idField)
        let busField = try entry.required("bus")
        let bus = try busField.name()
        guard busLines[bus] != nil else {
            throw busField.fail("unknown bus '\(bus)'\(Suggestions.hint(for: bus, in: busIDs)); buses: \(busIDs.joined(separator: ", "))")
        }
        let (units, unitField) = try parseUnits(entry, template: template, idField: idField)
        let profileField = try entry.required("profile")
        let profile = try loadProfile(profileField, catalog: catalog)
        let channels = try parseChannels(entry["channels"], profile: profile, profileField: profileField)
        let ct = try entry["ct"].map { field throws(SourceError) in try ratio(field, what: "ct") }
        let pt = try entry["pt"].map { field throws(SourceError) in try ratio(field, what: "pt") }
        let metadata = try parseMetadata(entry["metadata"])
        var meters: [MeterConfiguration] = []
        for unit in units {
            let id = template.id(for: unit)
            try checkIdentifier(id, idField)
            if let first = meterLines[id] { throw idField.fail("duplicate meter id '\(id)'\(Self.note("first on line", first))") }
            let place = BusUnit(bus: bus, unit: unit)
            if let taken = unitsTaken[place] {
                throw unitField.fail("unit \(unit) on bus \(bus) is already meter \(taken.meter)\(Self.note("line", taken.line))")
            }
            meterLines[id] = item.line
            unitsTaken[place] = (id, item.line)
            meters.append(MeterConfiguration(id: id, bus: bus, unit: unit, profileID: profile.id, channels: channels,
                                             currentTransformer: ct, voltageTransformer: pt, metadata: metadata, line: item.line))
        }
        return meters
    }

    /// The units of an entry and the field they came from: `unit` for one meter, `units`
    /// for a group, whose id must then vary with the unit.
    private func parseUnits(_ entry: YAMLMapping, template: MeterIDTemplate,
                            idField: YAMLField) throws(SourceError) -> ([UInt8], YAMLField) {
        switch (entry["unit"], entry["units"]) {
        case (let unit?, nil):
            return ([UInt8(try unit.integer(in: 1...247, what: "unit"))], unit)
        case (nil, let units?):
            guard template.hasPlaceholder else {
                throw idField.fail("a group's id must contain {unit} (or a zero-padded {unit:03}) so that each of its meters gets its own id")
            }
            let text = try units.name()
            do {
                return (try UnitSelection(parsing: text).units, units)
            } catch {
                throw units.fail(error.description)
            }
        case (_?, let units?):
            throw units.fail("give either unit (one meter) or units (a group), not both")
        case (nil, nil):
            let owner = entry.owner
            throw SourceError(file: owner.file, line: owner.line, keyPath: owner.path + ".unit",
                              message: "missing required key 'unit' (or 'units' for a group of meters)")
        }
    }

    private func ratio(_ field: YAMLField, what: String) throws(SourceError) -> TransformerRatio {
        let text = try field.name()
        guard let ratio = TransformerRatio(parsing: text) else {
            throw field.fail("\(what) '\(text)' is not a transformer ratio such as 200/5 or 40")
        }
        return ratio
    }

    private mutating func parseMetadata(_ field: YAMLField?) throws(SourceError) -> MeterMetadata {
        guard let field else { return MeterMetadata() }
        let entry = try field.mapping(allowed: Self.metadataKeys)
        var metadata = MeterMetadata()
        metadata.rateClass = try entry["rate_class"]?.name()
        if let tariff = entry["tariff"] {
            metadata.tariff = try tariff.name()
            tariffReferences.append(tariff)
        }
        metadata.stratum = try entry["stratum"]?.name()
        metadata.weatherZone = try entry["weather_zone"]?.name()
        metadata.site = try entry["site"]?.name()
        if let weightField = entry["weight"] {
            let weight = try weightField.double()
            guard weight > 0 else { throw weightField.fail("weight must be positive, got \(try weightField.string())") }
            metadata.weight = weight
        }
        return metadata
    }
}
