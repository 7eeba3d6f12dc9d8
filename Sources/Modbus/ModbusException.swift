/// A Modbus exception code, as a meter or gateway returns it in an exception reply.
public enum ModbusException: UInt8, Error, Sendable, Hashable, CaseIterable {
    case illegalFunction = 0x01
    case illegalDataAddress = 0x02
    case illegalDataValue = 0x03
    case serverDeviceFailure = 0x04
    case acknowledge = 0x05
    case serverBusy = 0x06
    case negativeAcknowledge = 0x07
    case memoryParityError = 0x08
    case gatewayPathUnavailable = 0x0A
    case gatewayTargetFailedToRespond = 0x0B

    public var summary: String {
        switch self {
        case .illegalFunction: "illegal function"
        case .illegalDataAddress: "illegal data address"
        case .illegalDataValue: "illegal data value"
        case .serverDeviceFailure: "device failure"
        case .acknowledge: "acknowledge (request accepted, still processing)"
        case .serverBusy: "device busy"
        case .negativeAcknowledge: "negative acknowledge"
        case .memoryParityError: "memory parity error"
        case .gatewayPathUnavailable: "gateway path unavailable"
        case .gatewayTargetFailedToRespond: "gateway target failed to respond"
        }
    }

    /// Busy and gateway-target failures are routine on loaded RS-485 gateways and pass on
    /// their own; the others are answers about the request and repeating it changes nothing.
    public var isTransient: Bool { self == .serverBusy || self == .gatewayTargetFailedToRespond }
}
