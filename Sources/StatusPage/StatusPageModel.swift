import Foundation
import Store

/// Everything the operator's status page shows, as plain values: the meters with their state,
/// the forwarding destinations with their backlog, and the load curve of one meter and day.
///
/// The page is rendered from this model alone (`StatusPageHTML.render`), so the rendering is a
/// pure function that tests can feed by hand, and the store is read once, in `load`, from
/// whatever thread the caller may block.
public struct StatusPageModel: Sendable, Hashable {
    /// The gateway's id, as forwarding names it to the headend.
    public var gatewayID: String
    /// The instant the model was read; ages and the default day are counted from it.
    public var generatedAt: Date
    /// The site's zone: every time on the page is shown in it.
    public var timeZone: TimeZone
    /// Every configured meter, in the store's order (bus, unit, name).
    public var meters: [StatusPageMeter]
    /// Every forwarding destination, by id.
    public var destinations: [StatusPageDestination]
    /// The meter the load-curve form shows as chosen (nil when there are no meters).
    public var selectedMeter: String?
    /// The local day the load-curve form shows as chosen.
    public var selectedDay: LocalDate
    /// The chosen meter's import energy on the chosen day; nil when it cannot be drawn
    /// (`notices` says why).
    public var loadCurve: LoadCurve?
    /// Short sentences for the operator about the request itself (an unknown meter, a day that
    /// is not a date), shown above the curve instead of failing the page.
    public var notices: [String]

    public init(gatewayID: String, generatedAt: Date, timeZone: TimeZone, meters: [StatusPageMeter],
                destinations: [StatusPageDestination], selectedMeter: String?, selectedDay: LocalDate,
                loadCurve: LoadCurve?, notices: [String] = []) {
        self.gatewayID = gatewayID
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.meters = meters
        self.destinations = destinations
        self.selectedMeter = selectedMeter
        self.selectedDay = selectedDay
        self.loadCurve = loadCurve
        self.notices = notices
    }
}
