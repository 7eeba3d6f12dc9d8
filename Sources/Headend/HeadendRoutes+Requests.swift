import Foundation
import Hummingbird

/// On-demand reads, re-reads of a range and meter clock setting. These must go through
/// the bus's owner (the poller that holds the line), never around it: they wait for the
/// store's read-request queue, which the bus poller serves. Until it exists the endpoints
/// check the request fully (role, meter, body) and then answer 501, so clients can be
/// written against the documented contract now.
extension HeadendRoutes {
    struct RereadBody: Decodable {
        var from: String
        var to: String
    }

    func registerRequests(on api: RouterGroup<HeadendContext>) {
        api.post("meters/:meter/reads") { _, context -> Response in
            try context.require(.requestReads)
            _ = try await self.meterID(context)
            throw Self.queueMissing
        }
        api.post("meters/:meter/rereads") { request, context -> Response in
            try context.require(.requestReads)
            _ = try await self.meterID(context)
            let body = try await Self.decode(RereadBody.self, request)
            do throws(IntervalWindow.Failure) {
                _ = try IntervalWindow(from: body.from, to: body.to, timeZone: "UTC", names: .init(from: "from", to: "to", timeZone: "time_zone"))
            } catch {
                throw APIError(.badRequest, error.message, parameter: error.parameter)
            }
            throw Self.queueMissing
        }
        api.post("meters/:meter/clock") { _, context -> Response in
            try context.require(.setClock)
            _ = try await self.meterID(context)
            throw Self.queueMissing
        }
        api.get("requests/:id") { _, context -> Response in
            try context.require(.readData)
            let text = try self.pathParameter("id", context)
            guard let id = Int64(text), id > 0 else { throw APIError.badParameter("id", "'\(text)' is not a request id (a positive integer)") }
            throw APIError.notFound("id", "no read request \(id)")
        }
    }

    static let queueMissing = APIError(.notImplemented, "on-demand reads need the bus read-request queue, which this gateway version does not have yet")

    /// A JSON body of type `T`; 400 naming the field that is missing or of the wrong type.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch DecodingError.keyNotFound(let key, _) {
            throw APIError.badParameter(key.stringValue, "required in the JSON body")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let name = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.badParameter(name.isEmpty ? "body" : name, "wrong type: \(context.debugDescription)")
        } catch {
            throw APIError.badParameter("body", "not a JSON object with from and to")
        }
    }
}
