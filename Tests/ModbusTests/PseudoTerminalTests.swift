import Foundation
import Testing
import TestSupport
@testable import Modbus

/// Emulated lines are socat ptys; opening them must be as reliable as a real serial port.
@Suite(.serialized) struct PseudoTerminalTests {
    @Test func socatLinksAreRecognisedAsPseudoTerminalsAndOtherDevicesAreNot() throws {
        let line = try SocatPair()
        defer { line.close() }
        #expect(LibModbusContext.isPseudoTerminal(line.masterSide))
        #expect(LibModbusContext.isPseudoTerminal(line.meterSide))
        #expect(!LibModbusContext.isPseudoTerminal("/dev/null"))
        #expect(!LibModbusContext.isPseudoTerminal("/nonexistent"))
    }

    /// Linux drops PARENB on a pty, and glibc's tcsetattr reports that as EINVAL once the
    /// pty already holds raw 9600-baud settings, as it does after a gateway process exits
    /// without restoring them. Before the fix, every open after the first failed this way.
    @Test func reopeningAPtyWithEvenParityAfterAnUnrestoredUserConnects() throws {
        let line = try SocatPair()
        defer { line.close() }
        let settings = SerialSettings(device: line.masterSide, baud: 9600, parity: .even)
        var open: [LibModbusContext] = []  // kept open, so nobody restores the old settings
        for attempt in 0..<3 {
            let context = try LibModbusContext(endpoint: .rtu(settings))
            #expect(throws: Never.self, "attempt \(attempt)") { try context.connect() }
            open.append(context)
        }
    }
}
