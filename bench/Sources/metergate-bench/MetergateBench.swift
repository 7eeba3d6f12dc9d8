import Foundation
import Modbus

/// `metergate-bench`: polling throughput of `ModbusClient`, printed in the same
/// `polls=… seconds=… rate=…` form as the raw libmodbus baseline (`bench/raw_poll.c`) so
/// `bench/run.sh` can put the two side by side. On RTU it also prints the wire limit and
/// the share of it achieved. See docs/performance.md.
@main
struct MetergateBench {
    static func main() async {
        guard let plan = BenchPlan(arguments: Array(CommandLine.arguments.dropFirst())) else {
            FileHandle.standardError.write(Data((BenchPlan.usage + "\n").utf8))
            exit(2)
        }
        let result: PollResult
        do {
            result = try await PollLoop(plan: plan).run()
        } catch {
            FileHandle.standardError.write(Data("metergate-bench: \(error)\n".utf8))
            exit(1)
        }
        print(report(result, plan: plan))
        if result.errors > 0 {
            FileHandle.standardError.write(Data("metergate-bench: \(result.errors) failed reads\n".utf8))
            exit(1)
        }
    }

    /// One line of `key=value` pairs; the RTU keys compare the rate with the wire limit.
    static func report(_ result: PollResult, plan: BenchPlan) -> String {
        var line = "api=\(plan.api.rawValue) polls=\(result.polls)"
            + String(format: " seconds=%.3f rate=%.2f", result.elapsed / .seconds(1), result.rate)
        if case .rtu(let serial) = plan.endpoint {
            let limit = WireLimit(serial: serial, count: plan.count)
            line += String(format: " limit=%.2f ratio=%.3f", limit.rate, result.rate / limit.rate)
            // Units in turn: every poll switches unit, and the client pauses after a switch.
            if plan.units.count > 1, plan.api == .async, plan.options.unitSwitchPause > .zero {
                let paused = limit.rate(switchingUnitsWith: plan.options.unitSwitchPause)
                line += String(format: " limit_with_switch_pause=%.2f ratio_with_switch_pause=%.3f", paused, result.rate / paused)
            }
        }
        return line
    }
}
