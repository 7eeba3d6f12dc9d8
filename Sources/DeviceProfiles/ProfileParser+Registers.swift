import MeterKit
import YAMLSupport

/// The `defaults:` mapping: what a register entry inherits when it leaves a key out.
struct RegisterDefaults {
    var kind: RegisterKind?
    /// The `type` node itself, so that an inherited type is re-read with each entry's
    /// `length`; validated here, and never `ascii` (each text field has its own length).
    var type: YAMLField?
    var order: WordOrder = .abcd

    init(_ field: YAMLField?) throws(ProfileError) {
        guard let field else { return }
        let entry = try field.mapping(allowed: ["kind", "type", "order"])
        if let kindField = entry["kind"] { kind = try ProfileParser.parseKind(kindField) }
        if let orderField = entry["order"] { order = try ProfileParser.parseOrder(orderField) }
        if let typeField = entry["type"] {
            let type = try ProfileParser.parseType(typeField, length: nil, owner: field)
            if case .ascii = type { throw typeField.fail("defaults.type cannot be ascii; set it per text field with its length") }
            self.type = typeField
        }
    }
}

extension ProfileParser {
    static let registerKeys = ["kind", "address", "type", "order", "length"]

    /// Every type spelling a profile may use, in the order messages list them.
    static var typeNames: [String] { RegisterType.numericNames + ["ascii"] }

    // MARK: - One register value

    /// Reads `kind`, `address`, `type`, `order` and `length` of a register entry, filling
    /// gaps from `defaults`. `typeDefault` replaces `defaults.type` for entries whose type
    /// has a natural default of its own (the clock).
    static func parseLocation(_ entry: YAMLMapping, defaults: RegisterDefaults,
                              typeDefault: RegisterType? = nil) throws(ProfileError) -> RegisterLocation {
        let owner = entry.owner
        let kind = try entry["kind"].map { f throws(ProfileError) in try parseKind(f) } ?? defaults.kind
        guard let kind else {
            throw ProfileError(file: owner.file, line: owner.line, keyPath: owner.path + ".kind",
                               message: "missing required key 'kind' (holding or input; set it here or in defaults.kind)")
        }
        let addressField = try entry.required("address")
        let address = try addressField.address()
        let type: RegisterType
        if let typeField = entry["type"] {
            type = try parseType(typeField, length: entry["length"], owner: owner)
        } else if let typeDefault {
            if let lengthField = entry["length"] { throw lengthField.fail("length applies only to type ascii") }
            type = typeDefault
        } else if let typeField = defaults.type {
            type = try parseType(typeField, length: entry["length"], owner: owner)
        } else {
            throw ProfileError(file: owner.file, line: owner.line, keyPath: owner.path + ".type",
                               message: "missing required key 'type' (set it here or in defaults.type)")
        }
        let order = try entry["order"].map { f throws(ProfileError) in try parseOrder(f) } ?? defaults.order
        let location = RegisterLocation(kind: kind, address: address, type: type, order: order)
        guard location.endAddress <= 0x1_0000 else {
            throw addressField.fail("\(type.name) at \(hex(Int(address))) occupies \(type.registerCount) registers "
                + "and would run past 0xFFFF")
        }
        return location
    }

    static func parseKind(_ field: YAMLField) throws(ProfileError) -> RegisterKind {
        let text = try field.string().trimmingCharacters(in: .whitespaces)
        guard let kind = RegisterKind(rawValue: text.lowercased()) else {
            let all = RegisterKind.allCases.map(\.rawValue)
            throw field.fail("unknown kind '\(text)'\(Suggestions.hint(for: text, in: all)); expected one of "
                + all.joined(separator: ", "))
        }
        return kind
    }

    static func parseOrder(_ field: YAMLField) throws(ProfileError) -> WordOrder {
        let text = try field.string().trimmingCharacters(in: .whitespaces)
        guard let order = WordOrder(rawValue: text.uppercased()) else {
            let all = WordOrder.allCases.map(\.rawValue)
            throw field.fail("unknown order '\(text)'\(Suggestions.hint(for: text, in: all)); expected one of "
                + all.joined(separator: ", "))
        }
        return order
    }

    /// A type name, with `length` (registers) required for `ascii` and refused otherwise,
    /// because a length on a fixed-size type is a sign the entry means something else.
    static func parseType(_ field: YAMLField, length lengthField: YAMLField?,
                          owner: YAMLField) throws(ProfileError) -> RegisterType {
        let text = try field.string().trimmingCharacters(in: .whitespaces)
        guard RegisterType(name: text, length: 1) != nil else {
            throw field.fail("unknown type '\(text)'\(Suggestions.hint(for: text, in: typeNames)); "
                + "expected one of \(typeNames.joined(separator: ", "))")
        }
        guard let lengthField else {
            guard let type = RegisterType(name: text) else {
                throw ProfileError(file: owner.file, line: owner.line, keyPath: owner.path + ".length",
                                   message: "type \(text) needs 'length' (registers of 2 characters each)")
            }
            return type
        }
        // A Modbus read returns at most 125 registers, so a longer text cannot be read at once.
        let length = try lengthField.integer(in: 1...125, what: "length")
        guard case .ascii? = RegisterType(name: text, length: length) else {
            throw lengthField.fail("length applies only to type ascii, not \(text)")
        }
        return .ascii(registers: length)
    }

    // MARK: - Identification and clock

    static func parseIdentification(_ field: YAMLField, defaults: RegisterDefaults,
                                    layout: inout RegisterLayout) throws(ProfileError) -> [IdentificationField: IdentificationSource] {
        let entries = try field.mapping(allowed: IdentificationField.allCases.map(\.rawValue)).entries
        var result: [IdentificationField: IdentificationSource] = [:]
        for (key, valueField) in entries {
            guard let which = IdentificationField(rawValue: key) else { continue }  // keys checked above
            let entry = try valueField.mapping(allowed: ["constant"] + registerKeys)
            if let constant = entry["constant"] {
                if let extra = entry.entries.first(where: { $0.key != "constant" }) {
                    throw extra.field.fail("a constant identification takes no register keys")
                }
                result[which] = .constant(try constant.name())
            } else {
                let location = try parseLocation(entry, defaults: defaults)
                try layout.claim(location.kind, Int(location.address)..<location.endAddress, by: valueField)
                result[which] = .register(location)
            }
        }
        return result
    }

    static func parseClock(_ field: YAMLField, defaults: RegisterDefaults,
                           layout: inout RegisterLayout) throws(ProfileError) -> ClockDefinition {
        let entry = try field.mapping(allowed: ["kind", "address", "type", "order", "writable"])
        let location = try parseLocation(entry, defaults: defaults, typeDefault: .u32)
        switch location.type {
        case .u32, .i32, .u64, .i64: break
        default:
            throw (entry["type"] ?? field).fail("a clock holds whole Unix seconds; expected u32, i32, u64 or i64")
        }
        let writable = try entry["writable"]?.bool() ?? false
        try layout.claim(location.kind, Int(location.address)..<location.endAddress, by: field)
        return ClockDefinition(location: location, writable: writable)
    }

    /// `0x004A`: register addresses the way datasheets print them.
    static func hex(_ value: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
