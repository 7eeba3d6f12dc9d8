#if canImport(Glibc)
import Glibc
#endif

/// Why a Modbus server (the emulator's listener or serial port) could not start.
public struct ModbusServerError: Error, Sendable, CustomStringConvertible {
    public var what: String
    public var call: String
    public var errno: Int32

    public var description: String { "\(what): \(call) failed: \(String(cString: strerror(errno)))" }

    /// The one place server-side system calls turn "-1 and errno" into an error.
    @discardableResult
    static func check(_ rc: Int32, _ call: String, _ what: String) throws(ModbusServerError) -> Int32 {
        guard rc == -1 else { return rc }
        throw ModbusServerError(what: what, call: call, errno: Glibc.errno)
    }
}
