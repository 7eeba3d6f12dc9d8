import Foundation

/// A pair of connected pseudo-terminals made by socat: a serial line on loopback.
///
/// One end is given to the emulator's RTU server, the other to the client, exactly as a
/// USB-RS485 adapter and a meter would see a real line (minus the baud rate, which the
/// emulator's `--wire-baud` reproduces).
public final class SocatPair: @unchecked Sendable {
    // @unchecked: every stored property is immutable after init.
    public let masterSide: String
    public let meterSide: String
    private let process: ChildProcess

    public init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-pty-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        masterSide = dir.appendingPathComponent("gateway").path
        meterSide = dir.appendingPathComponent("meters").path
        process = try ChildProcess("/usr/bin/socat", ["pty,raw,echo=0,link=\(masterSide)", "pty,raw,echo=0,link=\(meterSide)"])
        let deadline = Date().addingTimeInterval(5)
        while !(FileManager.default.fileExists(atPath: masterSide) && FileManager.default.fileExists(atPath: meterSide)) {
            guard Date() < deadline, process.isRunning else { throw SocatError.didNotStart }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    public func close() {
        process.terminate()
        try? FileManager.default.removeItem(atPath: (masterSide as NSString).deletingLastPathComponent)
    }

    deinit { close() }

    public enum SocatError: Error { case didNotStart }
}
