/// The Modbus function codes the gateway and the emulator speak.
public enum ModbusFunction: UInt8, Sendable, Hashable {
    case readHoldingRegisters = 0x03
    case readInputRegisters = 0x04
    case writeSingleRegister = 0x06
    case writeMultipleRegisters = 0x10

    public var summary: String {
        switch self {
        case .readHoldingRegisters: "read holding registers (03)"
        case .readInputRegisters: "read input registers (04)"
        case .writeSingleRegister: "write single register (06)"
        case .writeMultipleRegisters: "write multiple registers (16)"
        }
    }
}

/// The two register tables a read can address. The transport keeps its own name for them
/// so it does not depend on the metering domain.
public enum RegisterTable: Sendable, Hashable {
    case holding, input

    public var readFunction: ModbusFunction { self == .holding ? .readHoldingRegisters : .readInputRegisters }
}
