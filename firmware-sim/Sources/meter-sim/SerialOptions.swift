import ArgumentParser
import CommandLineSupport
import Modbus

/// The emulator's end of an RS-485 line: the device it serves and the line settings.
struct SerialOptions: ParsableArguments {
    @Option(help: "Serve Modbus RTU on this serial device (e.g. one end of a socat pty pair).")
    var rtu: String?
    @OptionGroup var line: SerialLineOptions

    func settings() throws -> SerialSettings {
        guard let rtu else { throw MeterSimError("--rtu DEVICE is required for a serial line") }
        return try line.settings(device: rtu)
    }
}
