import ArgumentParser
import Modbus

/// Serial line options shared by every RTU command.
struct SerialOptions: ParsableArguments {
    @Option(help: "Serve Modbus RTU on this serial device (e.g. one end of a socat pty pair).")
    var rtu: String?
    @Option(help: "Baud rate of the serial line.")
    var baud: Int = 9600
    @Option(help: "Parity: N, E or O.")
    var parity: String = "E"
    @Option(help: "Data bits.")
    var dataBits: Int = 8
    @Option(help: "Stop bits.")
    var stopBits: Int = 1

    func settings() throws -> SerialSettings {
        guard let rtu else { throw MeterSimError("--rtu DEVICE is required for a serial line") }
        guard let p = SerialSettings.Parity(rawValue: parity.uppercased()) else {
            throw MeterSimError("--parity '\(parity)' must be N, E or O")
        }
        guard [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200].contains(baud) else {
            throw MeterSimError("--baud \(baud) is not a standard Modbus rate (1200-115200)")
        }
        guard (7...8).contains(dataBits), (1...2).contains(stopBits) else {
            throw MeterSimError("--data-bits must be 7 or 8 and --stop-bits 1 or 2")
        }
        return SerialSettings(device: rtu, baud: baud, parity: p, dataBits: dataBits, stopBits: stopBits)
    }
}
