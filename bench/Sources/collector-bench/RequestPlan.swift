import GatewayConfig
import MeterAccess
import MeterKit

/// The requests one poll of a meter makes, worked out as `MeterReader.poll` does: the
/// configured channels' registers, their scale-factor registers and the clock, grouped by
/// `ReadPlan`. The raw C loop is given this plan, so both sides send the same requests.
struct RequestPlan {
    let meters: Int
    let buses: Int
    let blocks: [RegisterBlock]

    struct Mismatch: Error, CustomStringConvertible {
        var meter: String
        var description: String { "meter \(meter) polls other registers than the first meter; the raw loop needs one plan" }
    }

    init(configuration: GatewayConfiguration) throws {
        var plans: [[RegisterBlock]] = []
        for meter in configuration.meters {
            guard let profile = configuration.profiles[meter.profileID] else { continue }
            let plan = Self.blocks(meter.channels, profile: profile)
            if let first = plans.first, first != plan { throw Mismatch(meter: meter.id) }
            plans.append(plan)
        }
        meters = plans.count
        buses = configuration.buses.count
        blocks = plans.first ?? []
    }

    static func blocks(_ channels: [PointName], profile: DeviceProfile) -> [RegisterBlock] {
        var locations = channels.compactMap { profile.point($0) }.flatMap { point -> [RegisterLocation] in
            guard case .powerOfTen(let register, let kind) = point.scale else { return [point.location] }
            return [point.location, RegisterLocation(kind: kind, address: register, type: .i16)]
        }
        if let clock = profile.clock?.location { locations.append(clock) }
        return ReadPlan.blocks(for: locations)
    }

    /// `blocks=` is what `raw_poll_meters` takes: FUNCTION:ADDRESS:COUNT, comma-separated.
    var line: String {
        let text = blocks.map { block in
            "\(block.kind.readFunctionCode):0x\(String(block.start, radix: 16, uppercase: true)):\(block.count)"
        }
        return "meters=\(meters) buses=\(buses) requests_per_poll=\(blocks.count) blocks=\(text.joined(separator: ","))"
    }
}
