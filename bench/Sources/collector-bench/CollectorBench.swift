import Foundation
import GatewayConfig
import Logging
import Store

/// `collector-bench`: the Swift side of the collector benchmark (`bench/collector.sh`,
/// docs/performance.md, "Collector"). It prints `key=value` lines like
/// `bench/raw_poll_meters.c` so the script can put the two side by side.
///
///     collector-bench plan   CONFIG              the Modbus requests one poll of each meter
///                                                makes (the block plan the raw C loop is
///                                                given), checked to be the same for all
///     collector-bench cycles CONFIG STORE CYCLES `CollectorService.runCyclesBackToBack`
///                                                into a new store at STORE: one untimed
///                                                warm-up cycle, then CYCLES timed ones
///     collector-bench span   STORE               first and last bucket (Unix seconds) and
///                                                meter count of a store, read-only
@main
struct CollectorBench {
    static let usage = "usage: collector-bench plan CONFIG | cycles CONFIG STORE CYCLES | span STORE"

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        MeterStore.applyProcessSettings()  // as `metergate run` does
        // Only warnings and worse, on stderr: stdout carries the result line.
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        do {
            switch (arguments.first, arguments.count) {
            case ("plan", 2):
                print(try RequestPlan(configuration: load(arguments[1])).line)
            case ("span", 2):
                print(try StoreSpan(path: arguments[1]).line)
            case ("cycles", 4):
                guard let cycles = Int(arguments[3]), cycles > 0 else { fail(usage, status: 2) }
                var configuration = try load(arguments[1])
                configuration.store.path = arguments[2]
                print(try await CyclesRun(configuration: configuration).run(cycles: cycles).line)
            default:
                fail(usage, status: 2)
            }
        } catch {
            fail("collector-bench: \(error)", status: 1)
        }
    }

    static func load(_ path: String) throws -> GatewayConfiguration {
        try GatewayConfiguration.load(path: path)
    }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}
