import ArgumentParser
import CommandLineSupport
import Modbus

/// How to reach a bus: `--tcp HOST:PORT`, or `--rtu DEVICE` with serial settings.
struct BusOptions: ParsableArguments {
    @Option(help: "Modbus TCP meter or gateway, HOST:PORT (port defaults to 502).")
    var tcp: String?
    @Option(help: "Serial device of an RS-485 line (e.g. /dev/ttyUSB0).")
    var rtu: String?
    @OptionGroup var line: SerialLineOptions
    @Option(help: "Response timeout per request, in milliseconds.")
    var timeoutMs: Int = 1000
    @Option(help: "Retries of a request after a timeout, bad CRC, busy or gateway-target exception.")
    var retries: Int = 1
    @Option(help: "Extra pause after switching unit id on RTU, in milliseconds.")
    var unitSwitchPauseMs: Int = 5

    func validate() throws {
        guard (tcp == nil) != (rtu == nil) else { throw ValidationError("give exactly one of --tcp HOST:PORT or --rtu DEVICE") }
        if let tcp, ModbusEndpoint.tcp(parsing: tcp) == nil { throw ValidationError("--tcp '\(tcp)' is not HOST:PORT") }
        do { _ = try line.settings(device: rtu ?? "") } catch { throw ValidationError(error.description) }
        guard (1...60_000).contains(timeoutMs) else { throw ValidationError("--timeout-ms \(timeoutMs) must be 1 to 60000") }
        guard (0...10).contains(retries) else { throw ValidationError("--retries \(retries) must be 0 to 10") }
    }

    var endpoint: ModbusEndpoint {
        if let tcp, let endpoint = ModbusEndpoint.tcp(parsing: tcp) { return endpoint }
        return .rtu((try? line.settings(device: rtu ?? "")) ?? SerialSettings(device: rtu ?? ""))
    }

    func client() -> ModbusClient {
        ModbusClient(endpoint: endpoint, options: ModbusClientOptions(
            responseTimeout: .milliseconds(timeoutMs), unitSwitchPause: .milliseconds(unitSwitchPauseMs), retries: retries))
    }
}
