import Foundation
import MeterKit
import Modbus

/// What a bus scan found at one unit id.
public struct ScanFinding: Sendable, Hashable {
    public var unit: UInt8
    /// The profile whose probe matched (placed, for SunSpec); nil when the unit answered
    /// but matched no profile: something is there that the technician must identify by eye.
    public var profile: DeviceProfile?
    public var identity: MeterIdentity
    /// The SunSpec models the unit announces, empty when it has no SunSpec chain.
    public var sunSpecModels: [UInt16]

    public init(unit: UInt8, profile: DeviceProfile?, identity: MeterIdentity, sunSpecModels: [UInt16] = []) {
        self.unit = unit
        self.profile = profile
        self.identity = identity
        self.sunSpecModels = sunSpecModels
    }
}

/// Recognises the meter at a unit id from the candidate profiles' probes.
///
/// The first request is the SunSpec marker read at 40000 with the short probe timeout and no
/// retry: on a mostly empty bus almost every unit is silent, so that one timeout is the
/// whole cost of an empty unit. A TCP gateway's 0A/0B exception also means "nobody there".
/// A unit that answers is matched in order of evidence: its SunSpec chain, then exact
/// signatures (a model code or model text), then plausibility probes.
public struct MeterIdentifier: Sendable {
    public let client: ModbusClient
    public let profiles: [DeviceProfile]
    public let probeTimeout: Duration
    /// Keep probing after a silent first request, for meters that ignore reads of registers
    /// they lack instead of answering 02; costs every probe's timeout on empty units.
    public let thorough: Bool

    public init(client: ModbusClient, profiles: [DeviceProfile], probeTimeout: Duration, thorough: Bool = false) {
        self.client = client
        self.profiles = profiles
        self.probeTimeout = probeTimeout
        self.thorough = thorough
    }

    /// Probes one unit; nil when nothing answers there.
    public func identify(unit: UInt8) async throws(ModbusError) -> ScanFinding? {
        var answered = false
        var chain: SunSpecChain?
        let base = SunSpec.baseAddresses[0]
        do {
            let words = try await client.read(.holding, unit: unit, address: base, count: 2, timeout: probeTimeout, retries: 0)
            answered = true
            if words == SunSpec.marker {
                chain = try await client.perform { (session) throws(ModbusError) in
                    SunSpecChain(base: base, models: try SunSpecChain.walk(session, unit: unit, from: base + 2))
                }
            }
        } catch {
            switch error {
            case .exception(.gatewayPathUnavailable, _), .exception(.gatewayTargetFailedToRespond, _): return nil
            case .exception: answered = true
            case .timeout: if !thorough { return nil }
            default: throw error
            }
        }
        if chain == nil {
            chain = try? await client.perform { (session) throws(ModbusError) in
                try SunSpecChain.discover(session, unit: unit, bases: Array(SunSpec.baseAddresses.dropFirst()))
            }
            answered = answered || chain != nil
        }
        if let chain, let finding = try await match(chain, unit: unit) { return finding }
        var cache: [RegisterLocation: String?] = [:]
        for profile in candidatesInProbeOrder() {
            guard let probe = profile.probe else { continue }
            switch probe {
            case .sunSpecModel:
                continue
            case .identification(let field, let expected):
                guard case .register(let location)? = profile.identification[field] else { continue }
                if cache[location] == nil { cache[location] = await text(at: location, unit: unit) }
                guard let seen = cache[location] ?? nil else { continue }
                answered = true
                if seen == expected { return try await finding(unit: unit, profile: profile) }
            case .point(let name, let range):
                let reader = MeterReader(client: client, unit: unit, profile: profile)
                guard let reading = try? await reader.read([name]).first, reading.error == nil else { continue }
                answered = true
                if let value = reading.value, range.contains(value) { return try await finding(unit: unit, profile: profile) }
            }
        }
        guard answered else { return nil }
        return ScanFinding(unit: unit, profile: nil, identity: MeterIdentity(), sunSpecModels: chain?.modelIDs ?? [])
    }

    /// Exact signatures before plausibility; among equals, the catalog's order.
    private func candidatesInProbeOrder() -> [DeviceProfile] {
        profiles.filter { $0.probe?.isExact == true } + profiles.filter { $0.probe?.isExact == false }
    }

    private func match(_ chain: SunSpecChain, unit: UInt8) async throws(ModbusError) -> ScanFinding? {
        for profile in profiles {
            guard let binding = profile.sunSpec, case .success(let placement) = chain.placement(for: binding),
                  let placed = profile.placed(at: placement) else { continue }
            var found = try await finding(unit: unit, profile: placed)
            found.sunSpecModels = chain.modelIDs
            return found
        }
        return nil
    }

    private func finding(unit: UInt8, profile: DeviceProfile) async throws(ModbusError) -> ScanFinding {
        let identity: MeterIdentity
        do {
            identity = try await MeterReader(client: client, unit: unit, profile: profile).identity()
        } catch {
            if case .modbus(let e) = error { throw e }
            identity = MeterIdentity()
        }
        return ScanFinding(unit: unit, profile: profile, identity: identity)
    }

    /// An identification register as the text a probe compares: nil when unreadable.
    private func text(at location: RegisterLocation, unit: UInt8) async -> String? {
        let table: RegisterTable = location.kind == .holding ? .holding : .input
        guard let words = try? await client.read(table, unit: unit, address: location.address, count: location.type.registerCount,
                                                 timeout: probeTimeout, retries: 1),
              let value = try? RegisterCodec.decode(words, as: location.type, order: location.order) else { return nil }
        return MeterIdentity.text(of: value)
    }
}
