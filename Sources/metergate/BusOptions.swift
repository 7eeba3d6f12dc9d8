import ArgumentParser
import Modbus

/// How to reach a bus: `--tcp HOST:PORT`, or `--rtu DEVICE` with serial settings.
struct BusOptions: ParsableArguments {
    @Option(help: "Modbus TCP meter or gateway, HOST:PORT (port defaults to 502).")
    var tcp: String?
    @Option(help: "Serial device of an RS-485 line (e.g. /dev/ttyUSB0).")
    var rtu: String?
    @Option(help: "Baud rate of the serial line.")
    var baud: Int = 9600
    @Option(help: "Parity of the serial line: N, E or O.")
    var parity: String = "E"
    @Option(help: "Data bits of the serial line.")
    var dataBits: Int = 8
    @Option(help: "Stop bits of the serial line.")
    var stopBits: Int = 1
    @Option(help: "Response timeout per request, in milliseconds.")
    var timeoutMs: Int = 1000
    @Option(help: "Retries of a request after a timeout, bad CRC, busy or gateway-target exception.")
    var retries: Int = 1
    @Option(help: "Extra pause after switching unit id on RTU, in milliseconds.")
    var unitSwitchPauseMs: Int = 5

    func validate() throws {
        guard (tcp == nil) != (rtu == nil) else { throw ValidationError("give exactly one of --tcp HOST:PORT or --rtu DEVICE") }
        if let tcp, ModbusEndpoint.tcp(parsing: tcp) == nil { throw ValidationError("--tcp '\(tcp)' is not HOST:PORT") }
        guard SerialSettings.Parity(rawValue: parity.uppercased()) != nil else { throw ValidationError("--parity '\(parity)' must be N, E or O") }
        guard [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200].contains(baud) else {
            throw ValidationError("--baud \(baud) is not a standard Modbus rate (1200-115200)")
        }
        guard (7...8).contains(dataBits), (1...2).contains(stopBits) else { throw ValidationError("--data-bits must be 7 or 8, --stop-bits 1 or 2") }
        guard (1...60_000).contains(timeoutMs) else { throw ValidationError("--timeout-ms \(timeoutMs) must be 1 to 60000") }
        guard (0...10).contains(retries) else { throw ValidationError("--retries \(retries) must be 0 to 10") }
    }

    var endpoint: ModbusEndpoint {
        if let tcp, let endpoint = ModbusEndpoint.tcp(parsing: tcp) { return endpoint }
        return .rtu(SerialSettings(device: rtu ?? "", baud: baud, parity: SerialSettings.Parity(rawValue: parity.uppercased()) ?? .even,
                                   dataBits: dataBits, stopBits: stopBits))
    }

    func client() -> ModbusClient {
        ModbusClient(endpoint: endpoint, options: ModbusClientOptions(
            responseTimeout: .milliseconds(timeoutMs), unitSwitchPause: .milliseconds(unitSwitchPauseMs), retries: retries))
    }
}
