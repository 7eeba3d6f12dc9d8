/// How maximum demand is measured: the window and how windows are laid out.
///
/// Demand in W = Wh in the window x 3600 / window seconds. A window belongs to the band its
/// start falls in. Japanese utilities bill 30-minute block demand, many US tariffs 15-minute.
public struct DemandRule: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        /// Fixed windows aligned to the local hour (00-30, 30-60).
        case block
        /// A window starting at every interval start: it advances by the interval length
        /// (a 30-minute window in 15-minute steps), so it finds a peak a block straddles.
        case rolling
    }

    /// 15 or 30 (60 for hourly data, where shorter windows cannot be formed).
    public let windowMinutes: Int
    public let method: Method

    public static let allowedWindows = [15, 30, 60]

    public init(windowMinutes: Int, method: Method) {
        self.windowMinutes = windowMinutes
        self.method = method
    }

    public var windowSeconds: Int { windowMinutes * 60 }
}
