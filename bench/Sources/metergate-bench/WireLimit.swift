import Modbus

/// The fastest a master can poll an RTU line, from frame sizes and the standard's silences.
///
/// One read of COUNT registers occupies the request (8 bytes: unit, function, address,
/// count, CRC), the reply (5 + 2·COUNT bytes: unit, function, byte count, data, CRC) and
/// two inter-frame silences of 3.5 characters (turnaround before the reply, and before the
/// next request). Taken from `SerialSettings` so the numbers are the client's own.
struct WireLimit: Sendable {
    let serial: SerialSettings
    let count: Int

    var requestBytes: Int { 8 }
    var replyBytes: Int { 5 + 2 * count }

    /// Wire time of one poll: both frames and both silences.
    var cycle: Duration {
        serial.wireTime(bytes: requestBytes + replyBytes) + serial.interFrameSilence * 2
    }

    /// Polls per second the line allows.
    var rate: Double { 1 / (cycle / .seconds(1)) }

    /// Polls per second when every poll also addresses a different unit and the client adds
    /// `pause` after the switch (`ModbusClientOptions.unitSwitchPause`).
    func rate(switchingUnitsWith pause: Duration) -> Double { 1 / ((cycle + pause) / .seconds(1)) }
}
