import Foundation
import MeterAccess
import MeterKit
import Store

/// Operators' requests, carried out by the bus's poller: they queue on the bus thread with
/// the scheduled reads, never beside them, so an RS-485 line keeps one master.
extension BusPoller {
    /// The meter's points now, all of its profile's.
    func liveRead(meterID: Int64) async throws(ReadRequestFailure) -> LiveReadResult {
        let (meter, reader) = try await readerForRequest(meterID)
        let names = reader.profile.points.map(\.name)
        guard let poll = await MeterPoll.poll([MeterPoll.Plan(reader: reader, names: names)], client: client, gatewayClock: clock.source).first else {
            throw ReadRequestFailure("meter \(meter.configuration.id) was not read")
        }
        if let failure = poll.failure { throw ReadRequestFailure("meter \(meter.configuration.id) did not answer: \(failure)") }
        return LiveReadResult(gatewayTime: poll.gatewayTime, meterTime: poll.meterTime, readings: poll.readings.map {
            LiveReadResult.Reading(point: $0.name.rawValue, value: $0.value, unit: $0.unit.rawValue, error: $0.error?.description)
        })
    }

    /// Sets the meter's clock to gateway time, reading it before and after.
    func setClock(meterID: Int64) async throws(ReadRequestFailure) -> ClockSetResult {
        let (meter, reader) = try await readerForRequest(meterID)
        do {
            let before = try await reader.readClock(against: clock.source)
            try await reader.setClock(from: clock.source)
            let after = try await reader.readClock(against: clock.source)
            return ClockSetResult(offsetBefore: before.offset, offsetAfter: after.offset, uncertainty: max(before.uncertainty, after.uncertainty))
        } catch {
            throw ReadRequestFailure("meter \(meter.configuration.id): clock not set: \(error)")
        }
    }

    /// The meter's recorded intervals over `range`, a day per bus job so scheduled cycles
    /// still get the line between days of a long re-read.
    func readBack(meterID: Int64, range: Range<Date>) async throws(ReadRequestFailure) -> [RecordedIntervalRow] {
        let (meter, reader) = try await readerForRequest(meterID)
        guard let window = reader.profile.loadProfile else {
            throw ReadRequestFailure("meter \(meter.configuration.id): profile \(reader.profile.id) keeps no load profile to re-read")
        }
        var rows: [RecordedIntervalRow] = []
        var from = range.lowerBound
        while from < range.upperBound {
            let to = min(range.upperBound, from.addingTimeInterval(86_400))
            let records: [LoadProfileRecord]
            do { records = try await reader.readBack(from..<to).records } catch {
                throw ReadRequestFailure("meter \(meter.configuration.id): re-read from \(Self.iso(from)) failed: \(error)")
            }
            let readAt = clock.now()
            rows += records.map { RecordedIntervalRow(meterID: meterID, record: $0, lengthSeconds: window.intervalSeconds, readAt: readAt) }
            from = to
        }
        return rows
    }

    /// The poller's reader of the meter, or a new one when the meter was not reached yet (a
    /// request is worth a try even while the meter is in back-off).
    private func readerForRequest(_ meterID: Int64) async throws(ReadRequestFailure) -> (MeterRuntime, MeterReader) {
        guard let meter = meters.first(where: { $0.meterID == meterID }) else {
            throw ReadRequestFailure("meter \(meterID) is not on bus \(bus.id)")
        }
        if let reader = meter.reader { return (meter, reader) }
        do {
            return (meter, try await MeterReader.connecting(client: client, unit: meter.configuration.unit, profile: meter.profile,
                                                            stopWhenSilent: true))
        } catch {
            throw ReadRequestFailure("meter \(meter.configuration.id) did not answer: \(error)")
        }
    }
}

/// Why a request could not be carried out; becomes the request's result.
public struct ReadRequestFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
