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

    public init(readings: [PointReading], meterTime: Date?, gatewayTime: Date, requests: Int, failures: Int, retries: Int, latency: Duration) {
        self.readings = readings
        self.meterTime = meterTime
        self.gatewayTime = gatewayTime
        self.requests = requests
        self.failures = failures
        self.retries = retries
        self.latency = latency
    }

    /// Every request failed: the meter did not answer at all (dead, unpowered, wrong unit).
    public var meterSilent: Bool { readings.allSatisfy { $0.error != nil } && !readings.isEmpty }

    /// The error that stopped the poll, when nothing could be read.
    public var failure: ModbusError? { meterSilent ? readings.first?.error : nil }
}

extension MeterPoll {
    /// What a poll of one meter reads: the points, the clock and the register blocks that
    /// cover them. It depends only on the profile and the channels, so a poller makes it
    /// once per meter instead of merging blocks on every poll.
    public struct Plan: Sendable {
        let unit: UInt8
        let points: [PointDefinition]
        let clock: RegisterLocation?
        let blocks: [RegisterBlock]

        /// The points a poll's `readings` hold, in their order.
        public var names: [PointName] { points.map(\.name) }

        public init(reader: MeterReader, names: [PointName]) {
            points = names.compactMap { reader.profile.point($0) }
            var locations = points.flatMap { point -> [RegisterLocation] in
                guard case .powerOfTen(let register, let kind) = point.scale else { return [point.location] }
                return [point.location, RegisterLocation(kind: kind, address: register, type: .i16)]
            }
            clock = reader.profile.clock?.location
            if let clock { locations.append(clock) }
            unit = reader.unit
            blocks = ReadPlan.blocks(for: locations)
        }
    }

    /// Reads several meters of one bus, each its planned points and clock, in one job on the
    /// bus thread, in the given order.
    ///
    /// One job per cycle instead of one per meter saves two thread hops a meter, which on a
    /// fast link is most of what the gateway adds to the wire (docs/performance.md,
    /// "Collector"). Each meter's clock joins its request plan, so on meters that keep it
    /// next to their measurements it costs nothing extra. A timeout stops that meter's
    /// remaining requests (`RegisterImage.fetch`): a dead meter costs the bus one timeout
    /// budget, never one per block. Decoding happens after the bus is released.
    public static func poll(_ plans: [Plan], client: ModbusClient, gatewayClock: any TimeSource) async -> [MeterPoll] {
        struct Fetched: Sendable {
            var image: RegisterImage
            var before: Date
            var after: Date
            var statistics: BusStatistics
        }
        let fetched = (try? await client.perform { session in
            plans.map { plan -> Fetched in
                let start = session.statistics
                let before = gatewayClock.now()
                let image = RegisterImage.fetch(plan.blocks, unit: plan.unit, session: session)
                let after = gatewayClock.now()
                var delta = session.statistics
                delta.succeeded -= start.succeeded
                delta.failures -= start.failures
                delta.retries -= start.retries
                delta.totalLatency -= start.totalLatency
                return Fetched(image: image, before: before, after: after, statistics: delta)
            }
        }) ?? plans.map { _ in Fetched(image: RegisterImage(), before: gatewayClock.now(), after: gatewayClock.now(), statistics: BusStatistics()) }
        return zip(plans, fetched).map { plan, result in
            var meterTime: Date?
            if let clock = plan.clock, case .success(let words)? = result.image.words(at: clock),
               let seconds = (try? RegisterCodec.decode(words, as: clock.type, order: clock.order))?.number {
                meterTime = Date(timeIntervalSince1970: seconds)
            }
            let statistics = result.statistics
            return MeterPoll(readings: plan.points.map { MeterReader.decode($0, from: result.image) }, meterTime: meterTime,
                             gatewayTime: result.before.addingTimeInterval(result.after.timeIntervalSince(result.before) / 2),
                             requests: statistics.succeeded + statistics.failures, failures: statistics.failures,
                             retries: statistics.retries, latency: statistics.totalLatency)
        }
    }
}
