import ArgumentParser
import Modbus

/// The line settings of an RS-485 bus, shared by every command that opens one (the device
/// itself is each command's own `--rtu`, whose help says which end of the line it is).
public struct SerialLineOptions: ParsableArguments {
    @Option(help: "Baud rate of the serial line.")
    public var baud: Int = 9600
    @Option(help: "Parity of the serial line: N, E or O.")
    public var parity: String = "E"
    @Option(help: "Data bits of the serial line.")
    public var dataBits: Int = 8
    @Option(help: "Stop bits of the serial line.")
    public var stopBits: Int = 1

    public init() {}

    /// The checked settings for `device`, or a one-line error naming the bad option.
    public func settings(device: String) throws(SerialSettingsError) -> SerialSettings {
        try SerialSettings.validated(device: device, baud: baud, parity: parity, dataBits: dataBits, stopBits: stopBits)
    }
}
