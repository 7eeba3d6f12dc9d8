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
        return try SerialSettings.validated(device: rtu, baud: baud, parity: parity, dataBits: dataBits, stopBits: stopBits)
    }
}
