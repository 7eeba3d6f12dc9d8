import Foundation
import Intervals
import Store

/// One printed interval revision; the formats of `metergate intervals`.
public struct IntervalLine: Encodable, Sendable {
    public var channel: String
    public var start: Date
    public var end: Date
    public var valueWh: Double?
    public var quality: Int
    public var qualityLabel: String
    public var source: String
    public var estimation: String?
    public var revision: Int
    public var flags: [String]

    public init(row: IntervalRow, channel: String) {
        self.channel = channel
        start = row.start
        end = row.start.addingTimeInterval(TimeInterval(row.lengthSeconds))
        valueWh = row.valueWh
        quality = row.quality
        qualityLabel = IntervalQuality(rawValue: row.quality)?.label ?? "code \(row.quality)"
        source = row.source
        estimation = row.estimation
        revision = row.revision
        flags = ValidationFlags(rawValue: row.flags).names
    }

    public enum Format { case table, csv, json }

    public static func render(_ lines: [IntervalLine], format: Format, timeZone: TimeZone, meter: String) -> String {
        let style = Date.ISO8601FormatStyle(timeZone: timeZone).year().month().day()
            .time(includingFractionalSeconds: false).timeZone(separator: .omitted)
        let time: @Sendable (Date) -> String = { $0.formatted(style) }
        func value(_ wh: Double?) -> String { wh.map { String(format: "%.3f", $0) } ?? "" }
        switch format {
        case .json:
            struct Document: Encodable {
                var meter: String
                var timeZone: String
                var intervals: [IntervalLine]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .custom { date, encoder in
                var container = encoder.singleValueContainer()
                try container.encode(time(date))
            }
            let data = (try? encoder.encode(Document(meter: meter, timeZone: timeZone.identifier, intervals: lines))) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case .csv:
            let header = "meter,channel,start,end,value_wh,quality,source,estimation,revision,flags"
            return ([header] + lines.map { line in
                [meter, line.channel, time(line.start), time(line.end), value(line.valueWh), "\(line.quality)", line.source,
                 line.estimation ?? "", "\(line.revision)", line.flags.joined(separator: ";")].joined(separator: ",")
            }).joined(separator: "\n")
        case .table:
            guard !lines.isEmpty else { return "no intervals for \(meter) in the range" }
            let rows = lines.map { line in
                [line.channel, time(line.start), value(line.valueWh), "\(line.quality) \(line.qualityLabel)", line.source,
                 line.estimation ?? "", "\(line.revision)", line.flags.joined(separator: " ")]
            }
            return table(header: ["channel", "start", "Wh", "quality", "source", "estimation", "rev", "flags"], rows: rows)
        }
    }

    public static func table(header: [String], rows: [[String]]) -> String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
