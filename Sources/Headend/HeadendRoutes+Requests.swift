import Foundation
import Hummingbird
import Store

/// On-demand live reads and re-reads of a range. They go through the bus's owner, never
/// around it: the API files a request in the store's read-request queue and answers 202
/// with its id; the poller of the meter's bus carries it out between cycles, and
/// `GET /api/v1/requests/{id}` shows the outcome. Setting a meter's clock (technicians)
/// goes the same way.
extension HeadendRoutes {
    struct RereadBody: Decodable {
        var from: String
        var to: String
        var timeZone: String?

        enum CodingKeys: String, CodingKey {
            case from, to
            case timeZone = "time_zone"
        }
    }

    func registerRequests(on api: RouterGroup<HeadendContext>) {
        api.post("meters/:meter/reads") { _, context -> Response in
            try context.require(.requestReads)
            let meter = try await self.meterID(context)
            let request = ReadRequestRow(meterID: meter.id, kind: .read, range: nil, requestedAt: self.requests.now(),
                                         requestedBy: context.tokenName ?? "api")
            return try await self.file(request)
        }
        api.post("meters/:meter/rereads") { request, context -> Response in
            try context.require(.requestReads)
            let meter = try await self.meterID(context)
            let body = try await Self.decode(RereadBody.self, request)
            let window: IntervalWindow
            do throws(IntervalWindow.Failure) {
                window = try IntervalWindow(from: body.from, to: body.to, timeZone: body.timeZone ?? "UTC",
                                            names: .init(from: "from", to: "to", timeZone: "time_zone"))
            } catch {
                throw APIError(.badRequest, error.message, parameter: error.parameter)
            }
            if let rereadable = self.requests.rereadable, !rereadable.contains(meter.name) {
                throw APIError.badParameter("meter", "'\(meter.name)' has a profile that keeps no load profile to re-read")
            }
            guard window.range.lowerBound < self.requests.now() else {
                throw APIError.badParameter("from", "\(body.from) is in the future; the meter has recorded nothing there yet")
            }
            return try await self.file(ReadRequestRow(meterID: meter.id, kind: .reread, range: window.range, requestedAt: self.requests.now(),
                                                      requestedBy: context.tokenName ?? "api"))
        }
        api.post("meters/:meter/clock") { _, context -> Response in
            try context.require(.setClock)
            let meter = try await self.meterID(context)
            return try await self.file(ReadRequestRow(meterID: meter.id, kind: .setClock, range: nil, requestedAt: self.requests.now(),
                                                      requestedBy: context.tokenName ?? "api"))
        }
        api.get("requests/:id") { _, context -> Response in
            try context.require(.readData)
            let text = try self.pathParameter("id", context)
            guard let id = Int64(text), id > 0 else { throw APIError.badParameter("id", "'\(text)' is not a request id (a positive integer)") }
            let found = try await self.store.run { store -> (ReadRequestRow, String)? in
                guard let request = try store.readRequest(id: id) else { return nil }
                return (request, try store.meters()[request.meterID]?.name ?? "meter \(request.meterID)")
            }
            guard let (request, meter) = found else { throw APIError.notFound("id", "no read request \(id)") }
            return JSONResponse.make(ReadRequestResource(request, meter: meter))
        }
    }

    /// Files the request and answers 202 with where to follow it.
    private func file(_ request: ReadRequestRow) async throws(APIError) -> Response {
        let filed = try await store.run { try $0.fileReadRequest(request) }
        var response = JSONResponse.make(["id": filed.id], status: .accepted)
        response.headers[.location] = "/api/v1/requests/\(filed.id)"
        return response
    }

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

/// A read request as `GET /api/v1/requests/{id}` shows it.
struct ReadRequestResource: Encodable, Sendable {
    var id: Int64
    var meter: String
    var kind: String
    var from: Date?
    var to: Date?
    var state: String
    var requestedAt: Date
    var requestedBy: String
    var finishedAt: Date?
    /// What was done (the JSON the poller stored) when done; the reason when failed.
    var result: JSONValue?

    init(_ row: ReadRequestRow, meter: String) {
        id = row.id
        self.meter = meter
        kind = row.kind.rawValue
        from = row.range?.lowerBound
        to = row.range?.upperBound
        state = row.state.rawValue
        requestedAt = row.requestedAt
        requestedBy = row.requestedBy
        finishedAt = row.finishedAt
        result = row.result.map { text in row.state == .done ? (JSONValue.parse(text) ?? .string(text)) : .string(text) }
    }
}
