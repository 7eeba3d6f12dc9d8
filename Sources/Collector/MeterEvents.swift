import Foundation
import MeterAccess
import MeterKit
import Store

/// The events a successful poll can reveal, each raised once when the condition starts
/// rather than on every cycle it lasts.
enum MeterEvents {
    /// A cumulative register that went backwards: reset, rollover or a swapped meter.
    /// `poll` is one of the meter's scheduled polls: its readings follow the meter's plan.
    static func registerResets(_ meter: inout MeterRuntime, _ poll: MeterPoll, into cycle: inout CycleBuilder) {
        for (index, reading) in poll.readings.enumerated() where reading.name.isCumulative {
            guard let value = reading.value else { continue }
            if let last = meter.lastValues[index], value < last {
                cycle.events.append(MeterEventRow(meterID: meter.meterID, at: cycle.bucket, kind: .registerReset,
                                                  detail: "\(reading.name.rawValue) went from \(last) to \(value)"))
            }
            meter.lastValues[index] = value
        }
    }

    static func clockOffset(_ meter: inout MeterRuntime, _ poll: MeterPoll, tolerance: TimeInterval, into cycle: inout CycleBuilder) {
        guard let meterTime = poll.meterTime else { return }
        // The register holds whole seconds: its midpoint is the best estimate.
        let offset = meterTime.timeIntervalSince(poll.gatewayTime) + 0.5
        let outside = abs(offset) > tolerance
        if outside && !meter.clockOutOfTolerance {
            cycle.events.append(MeterEventRow(meterID: meter.meterID, at: cycle.bucket, kind: .clockOffset,
                                              detail: String(format: "meter clock %+.1f s from the gateway (tolerance %.0f s)", offset, tolerance)))
        }
        meter.clockOutOfTolerance = outside
    }

    static func exceptions(_ meter: inout MeterRuntime, _ poll: MeterPoll, into cycle: inout CycleBuilder) {
        let detail = poll.readings.compactMap { reading -> String? in
            guard case .exception? = reading.error else { return nil }
            return "\(reading.name.rawValue): \(reading.error!)"
        }.first
        if let detail, detail != meter.lastExceptionDetail {
            cycle.events.append(MeterEventRow(meterID: meter.meterID, at: cycle.bucket, kind: .exception, detail: detail))
        }
        meter.lastExceptionDetail = detail
    }
}
