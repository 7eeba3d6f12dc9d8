import Foundation
import MeterKit
import Modbus

/// Reads one meter through its device profile: points, identity, clock and raw registers.
///
/// Every poll runs as one job on the bus owner thread (one hop, nothing interleaved), then
/// decodes: word order, "not implemented" sentinels, SunSpec scale factors and the profile's
/// unit, so callers always get canonical units (kWh, W, V).
public struct MeterReader: Sendable {
    public let client: ModbusClient
    public let unit: UInt8
    public let profile: DeviceProfile

    public init(client: ModbusClient, unit: UInt8, profile: DeviceProfile) {
        self.client = client
        self.unit = unit
        self.profile = profile
    }

    /// Reads the named points (all of the profile's points when `names` is empty).
    public func read(_ names: [PointName] = []) async throws(MeterReadError) -> [PointReading] {
        let points = try definitions(for: names)
        let locations = points.flatMap { point -> [RegisterLocation] in
            var needed = [point.location]
            if case .powerOfTen(let register, let kind) = point.scale {
                needed.append(RegisterLocation(kind: kind, address: register, type: .i16))
            }
            return needed
        }
        let image = try await fetch(ReadPlan.blocks(for: locations))
        return points.map { Self.decode($0, from: image) }
    }

    /// Reads the identification registers; constants come from the profile.
    public func identity() async throws(MeterReadError) -> MeterIdentity {
        var registers: [IdentificationField: RegisterLocation] = [:]
        var identity = MeterIdentity()
        for (field, source) in profile.identification {
            switch source {
            case .constant(let text): identity[field] = text
            case .register(let location): registers[field] = location
            }
        }
        let image = try await fetch(ReadPlan.blocks(for: Array(registers.values)))
        for (field, location) in registers {
            guard case .success(let words)? = image.words(at: location),
                  let value = try? RegisterCodec.decode(words, as: location.type, order: location.order) else { continue }
            identity[field] = MeterIdentity.text(of: value)
        }
        return identity
    }

    /// The meter's clock as UTC, or nil when the profile has no clock.
    public func clock() async throws(MeterReadError) -> Date? {
        guard let clock = profile.clock else { return nil }
        let seconds = try await raw(clock.location)
        return seconds?.number.map { Date(timeIntervalSince1970: $0) }
    }

    /// Reads one value at an arbitrary location (the technician's `--register` read).
    public func raw(_ location: RegisterLocation) async throws(MeterReadError) -> RegisterValue? {
        let image = try await fetch([RegisterBlock(kind: location.kind, start: location.address, count: location.type.registerCount)])
        switch image.words(at: location) {
        case .success(let words)?:
            do { return try RegisterCodec.decode(words, as: location.type, order: location.order) } catch {
                throw .decoding(location: location, detail: error.description)
            }
        case .failure(let error)?: throw .modbus(error)
        case nil: throw .decoding(location: location, detail: "no registers returned")
        }
    }

    private func fetch(_ blocks: [RegisterBlock]) async throws(MeterReadError) -> RegisterImage {
        let unit = self.unit
        do {
            return try await client.perform { session in RegisterImage.fetch(blocks, unit: unit, session: session) }
        } catch {
            throw .modbus(error)
        }
    }

    private func definitions(for names: [PointName]) throws(MeterReadError) -> [PointDefinition] {
        guard !names.isEmpty else { return profile.points }
        return try names.map { (name) throws(MeterReadError) in
            guard let point = profile.point(name) else { throw .unknownPoint(name.rawValue, profile: profile.id, available: profile.points.map(\.name.rawValue)) }
            return point
        }
    }

    static func decode(_ point: PointDefinition, from image: RegisterImage) -> PointReading {
        switch image.words(at: point.location) {
        case .failure(let error)?: return PointReading(name: point.name, value: nil, error: error)
        case nil: return PointReading(name: point.name, value: nil)
        case .success(let words)?:
            guard let raw = (try? RegisterCodec.decode(words, as: point.location.type, order: point.location.order, sentinels: point.sentinels))?.number else {
                return PointReading(name: point.name, value: nil)
            }
            var exponent: Int16?
            if case .powerOfTen(let register, let kind) = point.scale,
               case .success(let sf)? = image.words(at: RegisterLocation(kind: kind, address: register, type: .i16)),
               case .signed(let e)? = try? RegisterCodec.decode(sf, as: .i16, order: .abcd) {
                exponent = Int16(e)
            }
            let scaled = point.scale.apply(to: raw, exponent: exponent)
            return PointReading(name: point.name, value: scaled.map { $0 * point.unit.factor(to: point.name.canonicalUnit) })
        }
    }
}

extension MeterIdentity {
    /// An identification value as reported: text as is, numbers in decimal.
    static func text(of value: RegisterValue) -> String? {
        if case .text(let text) = value { return text }
        return value.number.map { String(format: "%.0f", $0) }
    }

    subscript(field: IdentificationField) -> String? {
        get {
            switch field {
            case .manufacturer: manufacturer
            case .model: model
            case .serial: serial
            case .firmware: firmware
            }
        }
        set {
            switch field {
            case .manufacturer: manufacturer = newValue
            case .model: model = newValue
            case .serial: serial = newValue
            case .firmware: firmware = newValue
            }
        }
    }
}
