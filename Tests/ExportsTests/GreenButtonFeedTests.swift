import Foundation
import FoundationXML
import Exports
import Intervals
import Testing

@Suite struct GreenButtonFeedTests {
    let atom = GreenButtonFeed.atomNamespace
    let espi = GreenButtonFeed.espiNamespace

    /// m-001 import: 00:00 valid 250.4 Wh, 00:15 estimated linear 300.5, 00:30 missing,
    /// 00:45 estimated like-day 99.6, 01:00 questionable 120; m-001 export: 00:00 valid 10 Wh.
    var intervals: [ExportedInterval] {
        var run = Fixture.run(from: Fixture.march1, count: 5)
        run[0].valueWh = 250.4
        run[1].valueWh = 300.5
        run[1].quality = .estimatedLinear
        run[2].valueWh = nil
        run[3].valueWh = 99.6
        run[3].quality = .estimatedReferenceDay
        run[4].valueWh = 120
        run[4].quality = .questionable
        return run + Fixture.run(channel: "energy.export.total", from: Fixture.march1, count: 1, wh: 10)
    }

    private func parse(_ text: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: text, options: [])
        return try #require(document.rootElement())
    }

    /// Every element below `node` named `name` in namespace `uri`, in document order.
    private func all(_ name: String, in node: XMLNode, uri: String) -> [XMLElement] {
        var out: [XMLElement] = []
        for child in node.children ?? [] {
            guard let element = child as? XMLElement else { continue }
            if element.localName == name && element.uri == uri { out.append(element) }
            out += all(name, in: element, uri: uri)
        }
        return out
    }

    /// An attribute's value (looked up by name among `attributes`: FoundationXML's
    /// `attribute(forName:)` does not find plain attributes of an element in a default namespace).
    private func rel(_ element: XMLElement) -> String? {
        element.attributes?.first { $0.name == "rel" }?.stringValue
    }

    private func text(_ name: String, in node: XMLNode) -> String? {
        all(name, in: node, uri: espi).first?.stringValue
    }

    @Test func isAnAtomFeedOfEntriesWhoseContentHoldsESPIResources() throws {
        let root = try parse(try GreenButtonFeed().encode(intervals, generatedAt: Fixture.generatedAt))
        #expect(root.localName == "feed" && root.uri == atom)
        let entries = all("entry", in: root, uri: atom)
        // One UsagePoint, then per channel a MeterReading, a ReadingType and one IntervalBlock.
        #expect(entries.count == 7)
        for entry in entries {
            #expect(all("id", in: entry, uri: atom).first?.stringValue?.hasPrefix("urn:uuid:") == true)
            #expect(all("content", in: entry, uri: atom).count == 1)
            #expect(all("link", in: entry, uri: atom).contains { rel($0) == "self" })
            #expect(all("updated", in: entry, uri: atom).first?.stringValue == "2026-03-01T08:00:00Z")
        }
        let kinds = entries.compactMap { entry in
            all("content", in: entry, uri: atom).first?.children?.compactMap { ($0 as? XMLElement)?.localName }.first
        }
        #expect(kinds == ["UsagePoint", "MeterReading", "ReadingType", "IntervalBlock", "MeterReading", "ReadingType", "IntervalBlock"])
        #expect(text("kind", in: try #require(all("ServiceCategory", in: root, uri: espi).first)) == "0")
    }

    @Test func theReadingTypeSaysDirectionUnitAndIntervalLength() throws {
        let root = try parse(try GreenButtonFeed().encode(intervals, generatedAt: Fixture.generatedAt))
        let types = all("ReadingType", in: root, uri: espi)
        #expect(types.count == 2)
        #expect(types.map { text("flowDirection", in: $0) } == ["1", "19"])
        for type in types {
            #expect(text("uom", in: type) == "72")
            #expect(text("intervalLength", in: type) == "900")
            #expect(text("accumulationBehaviour", in: type) == "4")
            #expect(text("powerOfTenMultiplier", in: type) == "0")
            #expect(text("commodity", in: type) == "1")
            #expect(text("kind", in: type) == "12")
        }
    }

    @Test func intervalReadingsCarryStartDurationAndRoundedWhAndSkipMissingIntervals() throws {
        let root = try parse(try GreenButtonFeed().encode(intervals, generatedAt: Fixture.generatedAt))
        let block = try #require(all("IntervalBlock", in: root, uri: espi).first)
        let interval = try #require(all("interval", in: block, uri: espi).first)
        #expect(text("start", in: interval) == "1772323200")
        #expect(text("duration", in: interval) == "86400")
        let readings = all("IntervalReading", in: block, uri: espi)
        let seen = readings.map { reading -> [String?] in
            let period = all("timePeriod", in: reading, uri: espi).first!
            return [text("start", in: period), text("duration", in: period), text("value", in: reading)]
        }
        #expect(seen == [
            ["1772323200", "900", "250"], ["1772324100", "900", "301"],
            ["1772325900", "900", "100"], ["1772326800", "900", "120"],
        ])
    }

    @Test func readingQualityAppearsWithCodes8_9_10AndIsAbsentOnValidReadings() throws {
        let root = try parse(try GreenButtonFeed().encode(intervals, generatedAt: Fixture.generatedAt))
        let readings = all("IntervalReading", in: all("IntervalBlock", in: root, uri: espi)[0], uri: espi)
        let qualities = readings.map { reading in all("ReadingQuality", in: reading, uri: espi).map { text("quality", in: $0) } }
        #expect(qualities == [[], ["9"], ["8"], ["10"]])
    }

    @Test func blocksFollowLocalDaysWhenATimeZoneIsGivenSoTheSpringDayBlockIs23Hours() throws {
        let spring = Date(timeIntervalSince1970: 1_772_949_600)  // 2026-03-08T06:00Z, Chicago midnight
        let feed = GreenButtonFeed(timeZone: Fixture.chicago)
        let root = try parse(try feed.encode(Fixture.run(from: spring, count: 92 + 96), generatedAt: Fixture.generatedAt))
        let blocks = all("IntervalBlock", in: root, uri: espi)
        #expect(blocks.count == 2)
        #expect(blocks.map { all("IntervalReading", in: $0, uri: espi).count } == [92, 96])
        #expect(blocks.map { text("duration", in: all("interval", in: $0, uri: espi)[0]) } == ["82800", "86400"])
    }

    @Test func idsAreDeterministicAndDistinctAndTextIsEscaped() throws {
        let odd = Fixture.run(meter: "m<&>\"'\u{1}", from: Fixture.march1, count: 1)
        let first = try GreenButtonFeed().encode(intervals + odd, generatedAt: Fixture.generatedAt)
        let second = try GreenButtonFeed().encode(intervals + odd, generatedAt: Fixture.generatedAt)
        #expect(first == second)
        let root = try parse(first)
        let ids = all("id", in: root, uri: atom).compactMap(\.stringValue)
        #expect(Set(ids).count == ids.count)
        let titles = all("title", in: root, uri: atom).compactMap(\.stringValue)
        #expect(titles.contains("m<&>\"'\u{FFFD}"))
    }
}
