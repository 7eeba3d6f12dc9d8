/// How a register read ended. Stored as its integer raw value in `register_read.status`,
/// so the numbers are part of the file format: never renumber a case.
public enum ReadStatus: Int, Sendable, Codable {
    /// The meter answered and the value decoded.
    case ok = 0
    /// The meter answered with its "not implemented" sentinel: no value, and no fault.
    case notImplemented = 1
    /// No answer within the response timeout (after the client's retries).
    case timeout = 2
    /// The meter answered with a Modbus exception.
    case exception = 3
    /// Any other failure (connection, CRC, decoding).
    case failed = 4
}
