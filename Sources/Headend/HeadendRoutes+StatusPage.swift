import Foundation
import Hummingbird
import StatusPage

/// What the status page needs beyond the store: whose gateway it is, and the local time
/// zone its days and times are shown in.
public struct StatusPageSite: Sendable {
    public var gatewayID: String
    public var timeZone: TimeZone

    public init(gatewayID: String, timeZone: TimeZone) {
        self.gatewayID = gatewayID
        self.timeZone = timeZone
    }
}

extension HeadendRoutes {
    /// `GET /`: the operators' page, behind the same tokens as the API (a reader's will
    /// do; a browser is asked for it by a Basic challenge). `meter` and `day` choose the
    /// load curve; a bad value shows the page with a notice rather than an error.
    func registerStatusPage(on group: RouterGroup<HeadendContext>) {
        guard let site = statusPage else { return }
        group.get("/") { request, context -> Response in
            try context.require(.readData)
            let query = request.uri.query, now = self.requests.now()
            let html = try await self.store.run {
                try StatusPageHTML.page(store: $0, gatewayID: site.gatewayID, query: query, timeZone: site.timeZone, now: now)
            }
            return JSONResponse.text(html, contentType: "text/html; charset=utf-8")
        }
    }
}
