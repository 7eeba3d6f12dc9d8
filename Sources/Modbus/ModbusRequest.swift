/// A request as a server sees it, decoded from its PDU.
public struct ModbusRequest: Sendable, Hashable {
    public enum Operation: Sendable, Hashable {
        case read(RegisterTable, address: UInt16, count: Int)
        case write(address: UInt16, values: [UInt16])
    }

    public var unit: UInt8
    public var function: UInt8
    public var operation: Operation

    public init(unit: UInt8, function: UInt8, operation: Operation) {
        self.unit = unit
        self.function = function
        self.operation = operation
    }

    /// Decodes a PDU (function code and data). A request the server cannot serve decodes to
    /// the exception the standard prescribes: 01 for an unknown function, 03 for a bad count.
    public static func decode(unit: UInt8, pdu: ArraySlice<UInt8>) -> Result<ModbusRequest, ModbusException> {
        guard let function = pdu.first else { return .failure(.illegalFunction) }
        let data = Array(pdu.dropFirst())
        func word(_ i: Int) -> UInt16 { UInt16(data[i]) << 8 | UInt16(data[i + 1]) }
        switch ModbusFunction(rawValue: function) {
        case .readHoldingRegisters?, .readInputRegisters?:
            guard data.count == 4 else { return .failure(.illegalDataValue) }
            let count = Int(word(2))
            guard (1...125).contains(count) else { return .failure(.illegalDataValue) }
            let table: RegisterTable = function == 0x03 ? .holding : .input
            return .success(ModbusRequest(unit: unit, function: function, operation: .read(table, address: word(0), count: count)))
        case .writeSingleRegister?:
            guard data.count == 4 else { return .failure(.illegalDataValue) }
            return .success(ModbusRequest(unit: unit, function: function, operation: .write(address: word(0), values: [word(2)])))
        case .writeMultipleRegisters?:
            guard data.count >= 5 else { return .failure(.illegalDataValue) }
            let count = Int(word(2))
            guard (1...123).contains(count), Int(data[4]) == count * 2, data.count == 5 + count * 2 else {
                return .failure(.illegalDataValue)
            }
            let values = (0..<count).map { word(5 + $0 * 2) }
            return .success(ModbusRequest(unit: unit, function: function, operation: .write(address: word(0), values: values)))
        case nil:
            return .failure(.illegalFunction)
        }
    }
}

/// What a server-side handler decides to do with one request.
public struct ModbusServerReply: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// Registers answering a read.
        case registers([UInt16])
        /// The acknowledgement of a write.
        case written
        case exception(ModbusException)
        /// No answer at all: a dead meter, or a frame for a unit that is not on this bus.
        case silence
    }

    public var outcome: Outcome
    /// Extra time before the reply leaves (a slow meter).
    public var delay: Duration
    /// Send the reply with a wrong CRC (RTU only; TCP has no checksum to corrupt).
    public var corruptChecksum: Bool

    public init(_ outcome: Outcome, delay: Duration = .zero, corruptChecksum: Bool = false) {
        self.outcome = outcome
        self.delay = delay
        self.corruptChecksum = corruptChecksum
    }

    /// The reply PDU for `request`, or nil when the outcome is silence.
    public func pdu(for request: ModbusRequest) -> [UInt8]? {
        switch (outcome, request.operation) {
        case (.silence, _): return nil
        case (.exception(let e), _): return [request.function | 0x80, e.rawValue]
        case (.registers(let words), _):
            return [request.function, UInt8(words.count * 2)] + words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case (.written, .write(let address, let values)):
            let second = request.function == ModbusFunction.writeSingleRegister.rawValue ? values[0] : UInt16(values.count)
            return [request.function, UInt8(address >> 8), UInt8(address & 0xFF), UInt8(second >> 8), UInt8(second & 0xFF)]
        case (.written, .read):
            return [request.function | 0x80, ModbusException.serverDeviceFailure.rawValue]
        }
    }
}

/// The emulator's side of a bus: decides the reply to each request.
public protocol ModbusRequestHandler: Sendable {
    func reply(to request: ModbusRequest) -> ModbusServerReply
    /// Whether a device answers for `unit` on this bus; on RTU only such a device answers a
    /// request it cannot decode (with exception 01 or 03), the others stay silent.
    func serves(unit: UInt8) -> Bool
}

extension ModbusRequestHandler {
    public func serves(unit: UInt8) -> Bool { true }
}
