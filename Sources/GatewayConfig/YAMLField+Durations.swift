import YAMLSupport

/// Durations as people write them in the configuration: `500ms`, `30s`, `5m`, `1h`, `1d`, or
/// a bare integer of seconds. Whole numbers only, so that `1.5m` is not silently rounded.
extension YAMLField {
    static let durationUnits: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("", 1000),
    ]

    /// The duration in `range`, inclusive.
    func duration(in range: ClosedRange<Duration>) throws(SourceError) -> Duration {
        let text = try string().trimmingCharacters(in: .whitespaces)
        guard let value = Self.parseDuration(text) else {
            throw fail("'\(text)' is not a duration; write 500ms, 30s, 5m, 1h, 1d or whole seconds")
        }
        guard range.contains(value) else {
            throw fail("\(text) is outside \(Self.format(range.lowerBound))...\(Self.format(range.upperBound))")
        }
        return value
    }

    /// A duration of whole seconds within `range` (in seconds), for settings the scheduler
    /// keeps as integers.
    func seconds(in range: ClosedRange<Int>) throws(SourceError) -> Int {
        let value = try duration(in: .seconds(range.lowerBound) ... .seconds(range.upperBound))
        guard value.components.attoseconds == 0 else {
            throw fail("\(try string().trimmingCharacters(in: .whitespaces)) is not a whole number of seconds")
        }
        return Int(value.components.seconds)
    }

    static func parseDuration(_ text: String) -> Duration? {
        guard let unit = durationUnits.first(where: { text.hasSuffix($0.suffix) }) else { return nil }
        let digits = text.dropLast(unit.suffix.count)
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int64(digits) else { return nil }
        return .milliseconds(number * unit.milliseconds)
    }

    /// `300ms`, `30s`, `5m`, `1h`, `1d`: the largest unit that divides the value.
    static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds == 0 { return "0" }
        for (suffix, size) in durationUnits.dropLast().reversed() where milliseconds % size == 0 {
            return "\(milliseconds / size)\(suffix)"
        }
        return "\(milliseconds)ms"
    }
}
