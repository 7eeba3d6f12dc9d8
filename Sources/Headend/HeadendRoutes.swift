import Foundation
import Hummingbird
import Store

/// The API's routes over one store. `register(on:)` adds them to a router the caller owns,
/// so the server can put more routes next to them.
///
/// Layout: `/health` and `/openapi.yaml` answer anyone (a liveness probe and the document
/// describing the API carry no meter data); the status page at `/`, everything under
/// `/api/v1` and `/metrics` need a token, and each handler states the permission it needs.
public struct HeadendRoutes: Sendable {
    let store: StoreAccess
    let metrics: GatewayMetrics
    let commissioningRecords: String?
    let openAPIDocument: String?
    let requests: ReadRequestPolicy
    let statusPage: StatusPageSite?

    /// The longest range of register reads one request may ask for (reads are per poll,
    /// up to 288 a day a channel).
    static let maximumReadSeconds: TimeInterval = 31 * 86_400

    public init(store: MeterStore, metrics: GatewayMetrics, commissioningRecords: String?, openAPIDocument: String?,
                requests: ReadRequestPolicy = ReadRequestPolicy(), statusPage: StatusPageSite? = nil) {
        self.store = StoreAccess(store: store)
        self.metrics = metrics
        self.commissioningRecords = commissioningRecords
        self.openAPIDocument = openAPIDocument
        self.requests = requests
        self.statusPage = statusPage
    }

    /// Adds every route to `router`.
    public func register(on router: Router<HeadendContext>) {
        router.get("/health") { _, _ -> Response in JSONResponse.make(["status": "ok"]) }
        router.get("/openapi.yaml") { _, _ -> Response in try self.openAPI() }
        let authenticated = router.group().add(middleware: TokenAuthMiddleware(store: store))
        authenticated.get("/metrics") { _, context -> Response in
            try context.require(.readData)
            return JSONResponse.text(try await self.metrics.scrape(self.store), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        registerStatusPage(on: authenticated)
        let api = authenticated.group("api/v1")
        registerMeters(on: api)
        registerIntervals(on: api)
        registerForwarding(on: api)
        registerCommissioning(on: api)
        registerRequests(on: api)
    }

    private func openAPI() throws(APIError) -> Response {
        guard let path = openAPIDocument, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw APIError(.notFound, "the OpenAPI document was not found (api.openapi in gateway.yaml, or docs/openapi.yaml)")
        }
        return JSONResponse.text(text, contentType: "application/yaml; charset=utf-8")
    }

    // MARK: - Parameters shared by the handlers

    /// The store id of the meter named in the path; 404 when the store has no such meter.
    func meterID(_ context: HeadendContext) async throws(APIError) -> (name: String, id: Int64) {
        let name = try pathParameter("meter", context)
        guard let id = try await store.run({ try $0.meterID(name: name) }) else {
            throw APIError.notFound("meter", "no meter named '\(name)'")
        }
        return (name, id)
    }

    func pathParameter(_ name: String, _ context: HeadendContext) throws(APIError) -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else { throw APIError.badParameter(name, "missing") }
        return value
    }

    /// `from`, `to` and `time_zone` from the query string.
    func window(_ request: Request, maximum: TimeInterval = IntervalWindow.maximumSeconds) throws(APIError) -> IntervalWindow {
        let query = request.uri.queryParameters
        guard let from = query.get("from"), !from.isEmpty else { throw APIError.badParameter("from", "required (a time such as 2026-11-20T06:00:00Z or a date)") }
        do {
            return try IntervalWindow(from: from, to: query.get("to"), timeZone: query.get("time_zone") ?? "UTC",
                                      names: .init(from: "from", to: "to", timeZone: "time_zone"), maximum: maximum)
        } catch {
            throw APIError(.badRequest, error.message, parameter: error.parameter)
        }
    }

    /// An optional query parameter that must be one of `allowed`; `fallback` when absent.
    func choice(_ name: String, _ request: Request, allowed: [String], fallback: String) throws(APIError) -> String {
        guard let value = request.uri.queryParameters.get(name) else { return fallback }
        guard allowed.contains(value) else { throw APIError.badParameter(name, "'\(value)' is not one of \(allowed.joined(separator: ", "))") }
        return value
    }

    /// An optional boolean query parameter (`true` or `false`).
    func flag(_ name: String, _ request: Request) throws(APIError) -> Bool {
        try choice(name, request, allowed: ["true", "false"], fallback: "false") == "true"
    }
}
