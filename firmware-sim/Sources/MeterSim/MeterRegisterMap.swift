import Foundation
import MeterKit

/// A Modbus exception the register bank answers with.
public enum RegisterAccessError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 01: the function is not supported for this table (a write to input registers).
    case illegalFunction
    /// 02: some register of the request is not mapped, or is not writable.
    case illegalDataAddress
    /// 03: a register count out of range, or a write that does not form a valid value.
    case illegalDataValue

    /// The exception code to put in the response.
    public var exceptionCode: UInt8 {
        switch self {
        case .illegalFunction: 0x01
        case .illegalDataAddress: 0x02
        case .illegalDataValue: 0x03
        }
    }

    public var description: String {
        switch self {
        case .illegalFunction: "illegal function (01)"
        case .illegalDataAddress: "illegal data address (02)"
        case .illegalDataValue: "illegal data value (03)"
        }
    }
}

/// The register bank of one simulated meter, laid out by its `DeviceProfile`.
///
/// The same profile the gateway reads with drives what the emulator serves, so a profile
/// bug shows up as a mismatch rather than being mirrored silently. Values come from the
/// meter's model at the instant of the request, converted to the point's unit and scale.
/// Reads and writes are pure functions of (meter, profile, instant) apart from clock
/// settings, which go to the meter's shared clock. Whether the meter answers at all
/// (power down, injected faults) is the server's decision, see `SimulatedMeter` and
/// `FaultPlan`.
///
/// A SunSpec profile whose addresses are still model offsets (`needsPlacement`) is served
/// at `SunSpec.standardPlacement()` inside a complete chain (marker, common model, the
/// whole meter model, end model; see `SunSpecChain`), so a gateway has to discover the
/// model as it would on a real device.
public struct MeterRegisterMap: Sendable {
    /// Modbus limits: 125 registers per read (function 03/04), 123 per write (16).
    public static let maxReadCount = 125
    public static let maxWriteCount = 123

    public let meter: SimulatedMeter
    /// The profile as served: for a SunSpec profile given with model offsets, placed at
    /// the standard chain addresses.
    public let profile: DeviceProfile
    private let layout: RegisterLayout
    private let recorded: RecordedProfile?

    public init(meter: SimulatedMeter, profile: DeviceProfile) {
        self.meter = meter
        var chain: SunSpecChain?
        if profile.needsPlacement, let placed = profile.placed(at: SunSpec.standardPlacement()) {
            self.profile = placed
            chain = SunSpecChain(profile: placed, unit: meter.unit, serialNumber: meter.serialNumber, firmware: meter.firmware)
        } else {
            self.profile = profile
        }
        layout = RegisterLayout(profile: self.profile, sunSpec: chain)
        recorded = profile.loadProfile.map {
            meter.recordedProfile(capacity: $0.capacity, intervalSeconds: $0.intervalSeconds)
        }
    }

    /// Reads `count` registers from `address` of table `kind` at simulated instant `now`.
    ///
    /// Every register must be mapped (a point, scale factor, identification field, the
    /// clock, the load-profile window, or the SunSpec chain); a read may begin or end inside a multi-register
    /// value, as on real meters, and simply gets those words.
    public func read(kind: RegisterKind, address: UInt16, count: Int, at now: Date) -> Result<[UInt16], RegisterAccessError> {
        guard (1...Self.maxReadCount).contains(count) else { return .failure(.illegalDataValue) }
        guard Int(address) + count <= 0x10000,
              let pieces = layout.blocks(kind: kind, start: Int(address), count: count)
        else { return .failure(.illegalDataAddress) }
        var words: [UInt16] = []
        words.reserveCapacity(count)
        for (block, range) in pieces {
            words += self.words(of: block, range: range, at: now)
        }
        return .success(words)
    }

    /// Writes holding registers (function 06 or 16) at simulated instant `now`.
    ///
    /// Only the clock is writable, and only as a whole value when the profile says so;
    /// anything else is refused like a real meter refuses writes to measurements.
    public func write(address: UInt16, values: [UInt16], at now: Date) -> Result<Void, RegisterAccessError> {
        guard (1...Self.maxWriteCount).contains(values.count) else { return .failure(.illegalDataValue) }
        guard Int(address) + values.count <= 0x10000,
              let clock = profile.clock, clock.location.kind == .holding, clock.writable,
              let block = layout.block(containing: Int(address), kind: .holding),
              case .clock = block.content,
              Int(address) + values.count <= block.end
        else { return .failure(.illegalDataAddress) }
        // Part of the clock value only: the meter cannot tell what time was meant.
        guard Int(address) == block.start, values.count == block.end - block.start,
              let decoded = try? RegisterCodec.decode(values, as: clock.location.type, order: clock.location.order, sentinels: false),
              let seconds = decoded.number, seconds.isFinite, abs(seconds) < 1e12
        else { return .failure(.illegalDataValue) }
        meter.clock.set(to: Date(timeIntervalSince1970: seconds), at: now)
        return .success(())
    }

    // MARK: - Block contents

    private func words(of block: RegisterLayout.Block, range: Range<Int>, at now: Date) -> [UInt16] {
        if case .loadProfileRecords(let window) = block.content {
            return recordWords(window, range: range, at: now)
        }
        let all = fullWords(of: block.content, at: now)
        let lower = range.lowerBound - block.start
        let upper = range.upperBound - block.start
        guard all.count >= upper else { return Array(repeating: 0, count: range.count) }
        return Array(all[lower..<upper])
    }

    private func fullWords(of content: RegisterLayout.Content, at now: Date) -> [UInt16] {
        switch content {
        case .point(let point):
            return pointWords(point, at: now)
        case .scaleFactor(let points):
            let exponent = scaleExponent(points, at: now)
            return MeterValueEncoder.encode(Double(exponent), for: RegisterLocation(kind: .holding, address: 0, type: .i16), wraps: false)
        case .identification(let field, let location):
            return MeterValueEncoder.encode(text: identification(field), for: location)
        case .clock(let clock):
            let seconds = meter.meterTime(at: now).timeIntervalSince1970.rounded(.down)
            return MeterValueEncoder.encode(seconds, for: clock.location, wraps: false)
        case .loadProfileHeader(let window):
            let header = recorded?.header(at: now)
                ?? LoadProfileHeader(intervalSeconds: window.intervalSeconds, capacity: window.capacity, newestIntervalStart: 0, validRecords: 0)
            return header.registers
        case .loadProfileRecords:
            return []  // served slot by slot in `recordWords`
        case .constant(let words):
            return words
        }
    }

    /// The words of the slots touched by `range`; never-written slots read as zeros.
    private func recordWords(_ window: LoadProfileWindow, range: Range<Int>, at now: Date) -> [UInt16] {
        let size = LoadProfileRecord.registerCount
        let base = Int(window.recordsAddress)
        var words: [UInt16] = []
        for slot in (range.lowerBound - base) / size...(range.upperBound - 1 - base) / size {
            let record = recorded?.record(slot: slot, at: now)
            let recordWords = record?.registers ?? Array(repeating: 0, count: size)
            let first = base + slot * size
            let lower = max(range.lowerBound, first) - first
            let upper = min(range.upperBound, first + size) - first
            words += recordWords[lower..<upper]
        }
        return words
    }

    /// A point's registers: canonical value -> the profile's unit -> its scale -> type.
    private func pointWords(_ point: PointDefinition, at now: Date) -> [UInt16] {
        guard let canonical = meter.value(of: point.name, at: now) else {
            return RegisterCodec.encodeSentinel(for: point.location.type, order: point.location.order)
        }
        var raw = canonical / point.unit.factor(to: point.name.canonicalUnit)
        switch point.scale {
        case .none:
            break
        case .factor(let factor):
            raw /= factor
        case .powerOfTen(let register, let kind):
            let sharing = profile.points.filter { $0.scale == .powerOfTen(register: register, kind: kind) }
            let exponent = scaleExponent(sharing, at: now)
            // Dividing by 10^e is applying 10^-e; `Scale` does it with one rounding.
            raw = Scale.powerOfTen(register: register, kind: kind).apply(to: raw, exponent: -exponent) ?? .nan
        }
        return MeterValueEncoder.encode(raw, for: point.location, wraps: point.name.isCumulative)
    }

    private func scaleExponent(_ points: [PointDefinition], at now: Date) -> Int16 {
        MeterValueEncoder.scaleExponent(points: points.map { ($0, meter.ratedMagnitude(of: $0.name, at: now)) })
    }

    /// What the meter reports for an identification field. Where the profile's probe says
    /// how the family identifies itself (an Eastron meter code 0x0070 for an SDM630), the
    /// emulated meter reports exactly that, so a bus scan recognises it as it would the
    /// real device; otherwise the profile's text (numeric registers carry its digits).
    private func identification(_ field: IdentificationField) -> String {
        if case .identification(field, let expected)? = profile.probe { return expected }
        return switch field {
        case .manufacturer: profile.manufacturer
        case .model: profile.model
        case .serial: meter.serialNumber
        case .firmware: meter.firmware
        }
    }
}
