import Modbus

/// One benchmark run, parsed from the command line.
///
/// The positional arguments mirror `bench/raw_poll.c` exactly, so `bench/run.sh` can give
/// the raw baseline and the Swift client the same line and compare like with like:
///
///     metergate-bench tcp HOST PORT   UNIT_FIRST UNIT_LAST ADDRESS COUNT SECONDS [options]
///     metergate-bench rtu DEVICE BAUD UNIT_FIRST UNIT_LAST ADDRESS COUNT SECONDS [options]
///
/// Options: `--api async|batch|hop` (default async), `--batch N` reads per hop in batch mode
/// (default 10), `--unit-switch-pause-ms MS` (default: the client's own default).
struct BenchPlan: Sendable {
    /// How the polls reach the bus owner thread.
    enum API: String, Sendable {
        /// `try await client.read(...)` for every poll: one thread hop per request.
        case async
        /// One `client.perform { ... }` per meter cycle holding `batch` reads: one hop per cycle.
        case batch
        /// `perform` with an empty body: the bare cost of a hop, no I/O (a diagnostic).
        case hop
    }

    var endpoint: ModbusEndpoint
    var units: ClosedRange<UInt8>
    var address: UInt16
    var count: Int
    var seconds: Double
    var api: API = .async
    var batch = 10
    var options = ModbusClientOptions()

    static let usage = """
        usage: metergate-bench tcp HOST PORT UNIT_FIRST UNIT_LAST ADDRESS COUNT SECONDS [options]
               metergate-bench rtu DEVICE BAUD UNIT_FIRST UNIT_LAST ADDRESS COUNT SECONDS [options]
        options: --api async|batch|hop  --batch N  --unit-switch-pause-ms MS
        """

    /// Parses the arguments after the program name; nil when they do not fit `usage`.
    init?(arguments: [String]) {
        guard arguments.count >= 8,
              let first = UInt8(arguments[3]), let last = UInt8(arguments[4]), first <= last,
              let address = UInt16(arguments[5]),
              let count = Int(arguments[6]), (1...125).contains(count),
              let seconds = Double(arguments[7]), seconds > 0
        else { return nil }
        switch arguments[0] {
        case "tcp":
            guard let port = Int(arguments[2]) else { return nil }
            endpoint = .tcp(host: arguments[1], port: port)
        case "rtu":
            guard let baud = Int(arguments[2]) else { return nil }
            endpoint = .rtu(SerialSettings(device: arguments[1], baud: baud))  // 8E1, as the meters
        default:
            return nil
        }
        units = first...last
        self.address = address
        self.count = count
        self.seconds = seconds
        var rest = arguments.dropFirst(8)
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { return nil }
            switch flag {
            case "--api":
                guard let api = API(rawValue: value) else { return nil }
                self.api = api
            case "--batch":
                guard let n = Int(value), n > 0 else { return nil }
                batch = n
            case "--unit-switch-pause-ms":
                guard let ms = Int(value), ms >= 0 else { return nil }
                options.unitSwitchPause = .milliseconds(ms)
            default:
                return nil
            }
        }
    }
}
