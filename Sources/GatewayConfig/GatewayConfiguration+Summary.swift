/// The one-line account `metergate config check` prints, so that a technician sees at a
/// glance that the file says what they meant (the meter count of a group, the cadence).
extension GatewayConfiguration {
    /// `gateway gw-north-01, 3 buses, 208 meters (sdm630 200, metergate-sim 8), read every
    /// 5 min, 15-min intervals, store /var/lib/metergate/store.sqlite`; profiles by meter
    /// count, most used first.
    public var summary: String {
        var counts: [String: Int] = [:]
        for meter in meters { counts[meter.profileID, default: 0] += 1 }
        let byProfile = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { "\($0.key) \($0.value)" }
            .joined(separator: ", ")
        let readEvery = schedule.readEverySeconds % 60 == 0
            ? "\(schedule.readEverySeconds / 60) min" : "\(schedule.readEverySeconds) s"
        return "gateway \(gatewayID), \(Self.count(buses.count, "bus", "buses")), "
            + "\(Self.count(meters.count, "meter", "meters")) (\(byProfile)), read every \(readEvery), "
            + "\(schedule.intervalSeconds / 60)-min intervals, store \(store.path)"
    }

    private static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) \(n == 1 ? one : many)"
    }
}
