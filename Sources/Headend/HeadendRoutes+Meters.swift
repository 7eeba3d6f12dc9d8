import Foundation
import Hummingbird
import Store

/// Meters, their register reads, events and billing cycles.
extension HeadendRoutes {
    func registerMeters(on api: RouterGroup<HeadendContext>) {
        api.get("meters") { _, context -> Response in
            try context.require(.readData)
            let meters = try await self.store.run { try $0.status().meters.map(MeterResource.init) }
            return JSONResponse.make(["meters": meters])
        }
        api.get("meters/:meter") { _, context -> Response in
            try context.require(.readData)
            let name = try self.pathParameter("meter", context)
            guard let meter = try await self.store.run({ try $0.status().meters.first { $0.name == name } }) else {
                throw APIError.notFound("meter", "no meter named '\(name)'")
            }
            return JSONResponse.make(MeterResource(meter))
        }
        api.get("meters/:meter/register-reads") { request, context -> Response in
            try context.require(.readData)
            let meter = try await self.meterID(context)
            let window = try self.window(request, maximum: Self.maximumReadSeconds)
            let channel = request.uri.queryParameters.get("channel")
            let reads = try await self.store.run { store throws -> [RegisterReadResource] in
                let channels = try store.channels()
                if let channel, !channels.values.contains(channel) { throw APIError.badParameter("channel", "no channel named '\(channel)' in the store") }
                // `through` is inclusive; the window is not.
                return try store.registerReads(from: window.range.lowerBound, through: window.range.upperBound.addingTimeInterval(-0.001),
                                               meters: meter.id...meter.id)
                    .compactMap { row -> RegisterReadResource? in
                        let name = channels[row.channelID] ?? "channel \(row.channelID)"
                        if let channel, name != channel { return nil }
                        return RegisterReadResource(channel: name, bucket: row.bucket, gatewayTime: row.gatewayTime, meterTime: row.meterTime,
                                                    value: row.value?.isFinite == true ? row.value : nil, status: "\(row.status)")
                    }
                    .sorted { ($0.bucket, $0.channel) < ($1.bucket, $1.channel) }
            }
            return JSONResponse.make(RegisterReadsResource(meter: meter.name, from: window.range.lowerBound, to: window.range.upperBound, reads: reads))
        }
        api.get("meters/:meter/events") { _, context -> Response in
            try context.require(.readData)
            let meter = try await self.meterID(context)
            let events = try await self.store.run { try $0.events(meterID: meter.id) }
                .map { EventResource(meter: meter.name, at: $0.at, kind: $0.kind.rawValue, detail: $0.detail) }
            return JSONResponse.make(["events": events])
        }
        api.get("events") { request, context -> Response in
            try context.require(.readData)
            let window = try self.window(request)
            let events = try await self.store.run { store in
                let names = try store.meters().mapValues(\.name)
                return try store.events(from: window.range.lowerBound, to: window.range.upperBound).map {
                    EventResource(meter: names[$0.meterID] ?? "meter \($0.meterID)", at: $0.at, kind: $0.kind.rawValue, detail: $0.detail)
                }
            }
            return JSONResponse.make(["events": events])
        }
        api.get("meters/:meter/billing") { _, context -> Response in
            try context.require(.readData)
            let meter = try await self.meterID(context)
            let cycles = try await self.store.run { try $0.billingCycles(meterID: meter.id) }.map { row in
                BillingCycleResource(cycleStart: row.cycleStart, cycleEnd: row.cycleEnd, version: row.version, tariff: row.tariff,
                                     computedAt: row.computedAt, determinants: JSONValue.parse(row.document) ?? .string(row.document))
            }
            return JSONResponse.make(["cycles": cycles])
        }
    }
}
