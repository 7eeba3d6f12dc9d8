import Foundation
import MeterKit
import Modbus

/// One scheduled read of a meter: its channels, its clock, and what the bus spent on it.
public struct MeterPoll: Sendable {
    public var readings: [PointReading]
    /// The meter clock at the read (the register's whole second), when the profile has one.
    public var meterTime: Date?
    /// Gateway time at the middle of the poll.
    public var gatewayTime: Date
    /// Requests that succeeded, failed and were retried during this poll.
    public var requests: Int
    public var failures: Int
    public var retries: Int
    public var latency: Duration

    /// Every request failed: the meter did not answer at all (dead, unpowered, wrong unit).
    public var meterSilent: Bool { readings.allSatisfy { $0.error != nil } && !readings.isEmpty }

    /// The error that stopped the poll, when nothing could be read.
    public var failure: ModbusError? { meterSilent ? readings.first?.error : nil }
}

extension MeterReader {
    /// Reads `names` and the clock in one job on the bus thread.
    ///
    /// The clock joins the same request plan, so on meters that keep it next to their
    /// measurements it costs nothing extra. A timeout stops the meter's remaining requests
    /// (`RegisterImage.fetch`): a dead meter costs the bus one timeout budget, never one per
    /// block.
    public func poll(_ names: [PointName], gatewayClock: any TimeSource) async -> MeterPoll {
        let points = names.compactMap { profile.point($0) }
        var locations = points.flatMap { point -> [RegisterLocation] in
            guard case .powerOfTen(let register, let kind) = point.scale else { return [point.location] }
            return [point.location, RegisterLocation(kind: kind, address: register, type: .i16)]
        }
        let clockLocation = profile.clock?.location
        if let clockLocation { locations.append(clockLocation) }
        let blocks = ReadPlan.blocks(for: locations)
        let unit = self.unit
        let (image, before, after, statistics) = (try? await client.perform { session in
            let start = session.statistics
            let before = gatewayClock.now()
            let image = RegisterImage.fetch(blocks, unit: unit, session: session)
            let after = gatewayClock.now()
            var delta = session.statistics
            delta.succeeded -= start.succeeded
            delta.failures -= start.failures
            delta.retries -= start.retries
            delta.totalLatency -= start.totalLatency
            return (image, before, after, delta)
        }) ?? (RegisterImage(), gatewayClock.now(), gatewayClock.now(), BusStatistics())
        var meterTime: Date?
        if let clockLocation, case .success(let words)? = image.words(at: clockLocation),
           let seconds = (try? RegisterCodec.decode(words, as: clockLocation.type, order: clockLocation.order))?.number {
            meterTime = Date(timeIntervalSince1970: seconds)
        }
        return MeterPoll(readings: points.map { Self.decode($0, from: image) }, meterTime: meterTime,
                         gatewayTime: before.addingTimeInterval(after.timeIntervalSince(before) / 2),
                         requests: statistics.succeeded + statistics.failures, failures: statistics.failures,
                         retries: statistics.retries, latency: statistics.totalLatency)
    }
}
