/// Why a set of intervals cannot be written in a format. Each case names the meter and
/// channel, so a forwarding log line points at the configuration to fix.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    /// Only import and export energy have a flow direction (ESPI) or an LSE channel code.
    case unsupportedChannel(meter: String, channel: String)
    /// Only 15- and 60-minute intervals are exported.
    case unsupportedIntervalLength(meter: String, channel: String, seconds: Int)
    /// One series (meter and channel) must have one interval length: ESPI's ReadingType and
    /// an LSE day record each describe a single length.
    case mixedIntervalLengths(meter: String, channel: String, seconds: [Int])

    public var description: String {
        switch self {
        case let .unsupportedChannel(meter, channel):
            "\(meter) \(channel): only energy.import.total and energy.export.total can be exported"
        case let .unsupportedIntervalLength(meter, channel, seconds):
            "\(meter) \(channel): interval length \(seconds) s is not exported (900 or 3600)"
        case let .mixedIntervalLengths(meter, channel, seconds):
            "\(meter) \(channel): mixed interval lengths \(seconds.map(String.init).joined(separator: ", ")) s in one series"
        }
    }
}
