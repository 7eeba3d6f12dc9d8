import Foundation
import Intervals

/// Interval data as a Green Button (NAESB REQ.21 ESPI) Atom feed, the format utilities hand
/// customers and third parties, so the gateway's intervals load into Green Button tools.
///
/// The feed is an Atom `<feed>` of `<entry>`s; each entry's `<content>` holds one ESPI
/// resource (namespace `http://naesb.org/espi`, prefix `espi`), and the entries are tied
/// together by Atom links (`self`, `up`, `related`), as in the Green Button Alliance's
/// sample data:
/// - one `UsagePoint` per meter (`ServiceCategory/kind` 0 = electricity), `related` to its
///   MeterReadings;
/// - one `MeterReading` per meter and channel, `related` to its ReadingType and its
///   IntervalBlock feed;
/// - one `ReadingType` per meter and channel (`ReadingTypeDescription`);
/// - one `IntervalBlock` per meter, channel and day (UTC days, or local days of `timeZone`,
///   so 23- and 25-hour blocks on DST days), `interval` = the day, one `IntervalReading`
///   per present interval with `timePeriod` (duration and start in Unix seconds) and
///   `value` (whole Wh, rounded half away from zero), and a `ReadingQuality/quality` when
///   the code is not 0 (valid).
///
/// ESPI has no null value, so a missing interval has no IntervalReading, and a day without
/// any value has no IntervalBlock. Ids are `urn:uuid:` of name-based UUIDs
/// (`DeterministicUUID`) of the subscription id, resource kind, meter, channel and day, so
/// re-exporting the same data gives the same ids. No LocalTimeParameters entry is written.
public struct GreenButtonFeed: Sendable {
    /// The resource root that links are built on, e.g. `https://host/espi/1_1/resource`.
    public var baseURI: String
    /// Names the feed (`Batch/Subscription/{id}`) and scopes every generated id.
    public var subscriptionID: String
    public var title: String
    /// Local days for IntervalBlocks; nil for UTC days.
    public var timeZone: TimeZone?

    public static let atomNamespace = "http://www.w3.org/2005/Atom"
    public static let espiNamespace = "http://naesb.org/espi"

    public init(baseURI: String = "https://metergate.invalid/espi/1_1/resource", subscriptionID: String = "metergate",
                title: String = "metergate interval data", timeZone: TimeZone? = nil) {
        self.baseURI = baseURI
        self.subscriptionID = subscriptionID
        self.title = title
        self.timeZone = timeZone
    }

    /// The feed of `intervals`, grouped into series by `ExportSeries.group`.
    /// - Parameter generatedAt: the feed's and every entry's `published` and `updated`.
    /// - Throws: `ExportError` when a channel or interval length cannot be described.
    public func encode(_ intervals: [ExportedInterval], generatedAt: Date) throws(ExportError) -> String {
        encode(series: try ExportSeries.group(intervals), generatedAt: generatedAt)
    }

    /// The feed of series already grouped.
    public func encode(series: [ExportSeries], generatedAt: Date) -> String {
        let stamp = TimeText.iso8601UTC(generatedAt)
        var xml = XMLWriter()
        xml.open("feed", ["xmlns": Self.atomNamespace, "xmlns:espi": Self.espiNamespace])
        xml.leaf("id", DeterministicUUID.urn("\(subscriptionID)/Feed"))
        xml.leaf("title", title)
        xml.leaf("updated", stamp)
        xml.empty("link", ["href": "\(baseURI)/Batch/Subscription/\(subscriptionID)", "rel": "self", "type": "espi-feed/Subscription"])
        var meters: [String] = []
        for item in series where !meters.contains(item.meterID) { meters.append(item.meterID) }
        for meter in meters {
            let ofMeter = series.filter { $0.meterID == meter }
            writeUsagePoint(meter, series: ofMeter, stamp: stamp, into: &xml)
            for item in ofMeter {
                writeMeterReading(item, stamp: stamp, into: &xml)
                writeReadingType(item, stamp: stamp, into: &xml)
                writeIntervalBlocks(item, stamp: stamp, into: &xml)
            }
        }
        xml.close("feed")
        return xml.text
    }

    // MARK: - Entries

    private func writeUsagePoint(_ meter: String, series: [ExportSeries], stamp: String, into xml: inout XMLWriter) {
        let path = usagePointPath(meter)
        xml.open("entry")
        xml.leaf("id", DeterministicUUID.urn(usagePointName(meter)))
        link(&xml, "\(subscriptionPath)/UsagePoint", "up", "espi-feed/UsagePoint")
        link(&xml, path, "self", "espi-entry/UsagePoint")
        for item in series { link(&xml, meterReadingPath(item), "related", "espi-entry/MeterReading") }
        xml.leaf("title", meter)
        xml.open("content")
        xml.open("espi:UsagePoint")
        xml.open("espi:ServiceCategory")
        xml.leaf("espi:kind", 0)
        xml.close("espi:ServiceCategory")
        xml.close("espi:UsagePoint")
        xml.close("content")
        entryDates(&xml, stamp)
        xml.close("entry")
    }

    private func writeMeterReading(_ series: ExportSeries, stamp: String, into xml: inout XMLWriter) {
        let path = meterReadingPath(series)
        xml.open("entry")
        xml.leaf("id", DeterministicUUID.urn(meterReadingName(series)))
        link(&xml, "\(usagePointPath(series.meterID))/MeterReading", "up", "espi-feed/MeterReading")
        link(&xml, path, "self", "espi-entry/MeterReading")
        link(&xml, readingTypePath(series), "related", "espi-entry/ReadingType")
        link(&xml, "\(path)/IntervalBlock", "related", "espi-feed/IntervalBlock")
        xml.leaf("title", "\(series.meterID) \(series.channel)")
        xml.open("content")
        xml.empty("espi:MeterReading")
        xml.close("content")
        entryDates(&xml, stamp)
        xml.close("entry")
    }

    /// The ReadingType's fields in the schema's sequence order.
    private func writeReadingType(_ series: ExportSeries, stamp: String, into xml: inout XMLWriter) {
        let type = series.readingType
        xml.open("entry")
        xml.leaf("id", DeterministicUUID.urn(readingTypeName(series)))
        link(&xml, "\(baseURI)/ReadingType", "up", "espi-feed/ReadingType")
        link(&xml, readingTypePath(series), "self", "espi-entry/ReadingType")
        xml.leaf("title", "Wh \(type.flowDirection == .forward ? "delivered" : "received"), \(type.intervalLength / 60)-minute intervals")
        xml.open("content")
        xml.open("espi:ReadingType")
        xml.leaf("espi:accumulationBehaviour", type.accumulationBehaviour)
        xml.leaf("espi:commodity", type.commodity)
        xml.leaf("espi:flowDirection", type.flowDirection.rawValue)
        xml.leaf("espi:intervalLength", type.intervalLength)
        xml.leaf("espi:kind", type.kind)
        xml.leaf("espi:powerOfTenMultiplier", type.powerOfTenMultiplier)
        xml.leaf("espi:uom", type.uom)
        xml.close("espi:ReadingType")
        xml.close("content")
        entryDates(&xml, stamp)
        xml.close("entry")
    }

    private func writeIntervalBlocks(_ series: ExportSeries, stamp: String, into xml: inout XMLWriter) {
        let days = LocalDays(timeZone: timeZone ?? TimeZone(identifier: "UTC")!)
        var blocks: [(day: Range<Date>, readings: [ExportedInterval])] = []
        for interval in series.intervals where interval.valueWh != nil {
            let day = days.day(containing: interval.start)
            if blocks.last?.day == day { blocks[blocks.count - 1].readings.append(interval) } else { blocks.append((day, [interval])) }
        }
        let feedPath = "\(meterReadingPath(series))/IntervalBlock"
        for block in blocks {
            let dayStart = TimeText.unixSeconds(block.day.lowerBound)
            let name = "\(meterReadingName(series))/IntervalBlock/\(dayStart)"
            xml.open("entry")
            xml.leaf("id", DeterministicUUID.urn(name))
            link(&xml, feedPath, "up", "espi-feed/IntervalBlock")
            link(&xml, "\(feedPath)/\(uuid(name))", "self", "espi-entry/IntervalBlock")
            xml.leaf("title", "\(series.meterID) \(series.channel) \(days.date(of: block.day.lowerBound))")
            xml.open("content")
            xml.open("espi:IntervalBlock")
            period(&xml, "espi:interval", start: dayStart, duration: TimeText.unixSeconds(block.day.upperBound) - dayStart)
            for reading in block.readings { writeReading(reading, into: &xml) }
            xml.close("espi:IntervalBlock")
            xml.close("content")
            entryDates(&xml, stamp)
            xml.close("entry")
        }
    }

    /// cost (not written), ReadingQuality, timePeriod, value: the schema's order.
    private func writeReading(_ reading: ExportedInterval, into xml: inout XMLWriter) {
        xml.open("espi:IntervalReading")
        if reading.quality != .valid {
            xml.open("espi:ReadingQuality")
            xml.leaf("espi:quality", reading.quality.rawValue)
            xml.close("espi:ReadingQuality")
        }
        period(&xml, "espi:timePeriod", start: TimeText.unixSeconds(reading.start), duration: reading.lengthSeconds)
        xml.leaf("espi:value", Self.wholeWh(reading.valueWh ?? 0))
        xml.close("espi:IntervalReading")
    }

    /// Wh in the ReadingType's unit (Wh x 10^0), rounded half away from zero.
    public static func wholeWh(_ wh: Double) -> Int { Int(wh.rounded(.toNearestOrAwayFromZero)) }

    // MARK: - Pieces

    private func period(_ xml: inout XMLWriter, _ name: String, start: Int, duration: Int) {
        xml.open(name)
        xml.leaf("espi:duration", duration)
        xml.leaf("espi:start", start)
        xml.close(name)
    }

    private func link(_ xml: inout XMLWriter, _ href: String, _ rel: String, _ type: String) {
        xml.empty("link", ["href": href, "rel": rel, "type": type])
    }

    private func entryDates(_ xml: inout XMLWriter, _ stamp: String) {
        xml.leaf("published", stamp)
        xml.leaf("updated", stamp)
    }

    private var subscriptionPath: String { "\(baseURI)/Subscription/\(subscriptionID)" }
    private func uuid(_ name: String) -> String { DeterministicUUID.make(name).uuidString.lowercased() }
    private func usagePointName(_ meter: String) -> String { "\(subscriptionID)/UsagePoint/\(meter)" }
    private func meterReadingName(_ s: ExportSeries) -> String { "\(usagePointName(s.meterID))/MeterReading/\(s.channel)" }
    private func readingTypeName(_ s: ExportSeries) -> String { "\(subscriptionID)/ReadingType/\(s.meterID)/\(s.channel)" }
    private func usagePointPath(_ meter: String) -> String { "\(subscriptionPath)/UsagePoint/\(uuid(usagePointName(meter)))" }
    private func meterReadingPath(_ s: ExportSeries) -> String { "\(usagePointPath(s.meterID))/MeterReading/\(uuid(meterReadingName(s)))" }
    private func readingTypePath(_ s: ExportSeries) -> String { "\(baseURI)/ReadingType/\(uuid(readingTypeName(s)))" }
}
