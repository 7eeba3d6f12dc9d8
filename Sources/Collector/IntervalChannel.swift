import Foundation
import GatewayConfig
import Intervals
import MeterKit
import Store

/// One channel of one meter that becomes intervals: a cumulative energy point, with what
/// turning its stored reads into engine input needs to know.
struct IntervalChannel: Sendable {
    let meterID: Int64
    let meterName: String
    let channelID: Int64
    let point: PointName
    /// Wh (or varh) per unit of the stored value (1000 for kWh).
    let whPerUnit: Double
    /// The register's width in Wh when it wraps (32-bit integer registers); nil otherwise.
    let rolloverWh: Double?
    let multiplier: Double
    /// Which side of the meter's recorded profile feeds this channel, if any.
    let recordedSide: RecordedSide?

    enum RecordedSide { case importEnergy, exportEnergy }

    /// The interval channels of every configured meter: its cumulative energy channels.
    static func all(of configuration: GatewayConfiguration, meterIDs: [String: Int64], channelIDs: [String: Int64]) -> [IntervalChannel] {
        configuration.meters.flatMap { meter -> [IntervalChannel] in
            guard let meterID = meterIDs[meter.id], let profile = configuration.profiles[meter.profileID] else { return [] }
            return meter.channels.compactMap { name -> IntervalChannel? in
                guard name.isCumulative, let point = profile.point(name), let channelID = channelIDs[name.rawValue] else { return nil }
                let base: MeasurementUnit
                switch point.unit.dimension {
                case .activeEnergy: base = .wattHour
                case .reactiveEnergy: base = .varHour
                default: return nil
                }
                let whPerUnit = point.unit.factor(to: base)
                var rollover: Double?
                switch (point.location.type, point.scale) {
                case (.u32, .none), (.acc32, .none): rollover = 4_294_967_296 * whPerUnit
                case (.u32, .factor(let factor)), (.acc32, .factor(let factor)): rollover = 4_294_967_296 * factor * whPerUnit
                default: rollover = nil
                }
                let side: RecordedSide? = profile.loadProfile == nil ? nil
                    : name == .energyImportTotal ? .importEnergy : name == .energyExportTotal ? .exportEnergy : nil
                return IntervalChannel(meterID: meterID, meterName: meter.id, channelID: channelID, point: name, whPerUnit: whPerUnit,
                                       rolloverWh: rollover, multiplier: meter.multiplier, recordedSide: side)
            }
        }
    }

    var key: IntervalInputs.Key { IntervalInputs.Key(meterID: meterID, channelID: channelID) }

    /// Whether later data can still replace this interval: a missing one, a flat hold at the
    /// edge of the data, or any estimate where the meter's memory will be read back.
    func mayImprove(_ interval: EnergyInterval) -> Bool {
        interval.energyWh == nil || interval.estimation == .flatHold || (interval.quality.isEstimate && recordedSide != nil)
    }

    /// Export channels may legitimately see what an import channel may not; the rest are imports.
    var isImport: Bool { !point.rawValue.contains("export") }

    func samples(_ reads: [RegisterReadRow]) -> [RegisterSample] {
        reads.compactMap { read in
            guard read.status == .ok, let value = read.value else { return nil }
            return RegisterSample(time: read.gatewayTime, valueWh: value * whPerUnit)
        }
    }

    func recorded(_ rows: [RecordedIntervalRow]) -> [RecordedInterval] {
        guard let recordedSide else { return [] }
        return rows.map { row in
            RecordedInterval(meterStart: row.start, lengthSeconds: row.lengthSeconds,
                             energyWh: Double(recordedSide == .importEnergy ? row.importWh : row.exportWh), status: row.status)
        }
    }
}

/// The store's interval rows and the engine's intervals are the same data: codes, names and bits.
extension EnergyInterval {
    public init(_ row: IntervalRow) {
        self.init(start: row.start, lengthSeconds: row.lengthSeconds, energyWh: row.valueWh,
                  quality: IntervalQuality(rawValue: row.quality) ?? .questionable, source: IntervalSource(rawValue: row.source) ?? .estimate,
                  estimation: row.estimation.flatMap(EstimationMethod.init(rawValue:)), flags: ValidationFlags(rawValue: row.flags))
    }

    public func row(meterID: Int64, channelID: Int64, computedAt: Date) -> IntervalRow {
        IntervalRow(meterID: meterID, channelID: channelID, start: start, lengthSeconds: lengthSeconds, valueWh: energyWh,
                    quality: quality.rawValue, source: source.rawValue, estimation: estimation?.rawValue, flags: flags.rawValue,
                    computedAt: computedAt)
    }
}
