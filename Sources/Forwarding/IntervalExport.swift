import Exports
import Foundation
import GatewayConfig
import Intervals
import Store

/// Interval revisions from the store in the export formats: what file destinations drop and
/// `metergate export` prints.
public enum IntervalExport {
    /// A stored revision as an export row, names resolved.
    public static func exported(_ row: IntervalRow, meter: String, channel: String) -> ExportedInterval {
        ExportedInterval(meterID: meter, channel: channel, start: row.start, lengthSeconds: row.lengthSeconds, valueWh: row.valueWh,
                         quality: IntervalQuality(rawValue: row.quality) ?? .questionable, revision: row.revision, source: row.source,
                         estimation: row.estimation, flags: row.flags)
    }

    /// The rows in `format`. ESPI and LSE carry one value per interval, so where the rows hold
    /// several revisions of one interval those formats keep the newest; CSV keeps them all.
    /// ESPI and LSE describe active energy flows only: other channels (reactive energy, say)
    /// stay in CSV and the warehouse.
    ///
    /// - Parameters:
    ///   - timeZone: the site's local time: ESPI blocks and LSE records are local days.
    ///   - generatedAt: the feed's `updated` instant (gateway time, not the wall clock).
    public static func encode(_ rows: [ExportedInterval], format: DestinationConfiguration.FileFormat, timeZone: TimeZone,
                              generatedAt: Date) throws(ExportError) -> String {
        let flows = rows.filter { $0.channel == "energy.import.total" || $0.channel == "energy.export.total" }
        return switch format {
        case .csv, .jsonl: IntervalCSV.encode(rows)
        case .espi: try GreenButtonFeed(timeZone: timeZone).encode(flows, generatedAt: generatedAt)
        case .lse: try TexasLSEFile(timeZone: timeZone).encode(flows)
        }
    }

    /// A forwarding batch of interval revisions in `format`.
    static func encode(_ batch: OutboxBatch, format: DestinationConfiguration.FileFormat, timeZone: TimeZone) throws(DeliveryError) -> String {
        guard case .intervals(let rows) = batch.rows else { throw .rejected("an interval file destination got billing rows") }
        let converted = rows.map { Self.exported($0, meter: batch.meterName($0.meterID), channel: batch.channelName($0.channelID)) }
        // The newest revision's computation time: the same batch always gives the same file.
        let generatedAt = rows.map(\.computedAt).max() ?? Date(timeIntervalSince1970: 0)
        do {
            return try encode(converted, format: format, timeZone: timeZone, generatedAt: generatedAt)
        } catch {
            throw .rejected("\(format.rawValue): \(error)")
        }
    }
}
