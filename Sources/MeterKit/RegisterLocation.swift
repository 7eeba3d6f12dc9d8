/// Where and how one value sits in a meter's register map.
public struct RegisterLocation: Sendable, Hashable {
    public var kind: RegisterKind
    public var address: UInt16
    public var type: RegisterType
    public var order: WordOrder

    public init(kind: RegisterKind, address: UInt16, type: RegisterType, order: WordOrder = .abcd) {
        self.kind = kind
        self.address = address
        self.type = type
        self.order = order
    }

    /// One past the last register this value occupies, as Int so it cannot overflow at 0xFFFF.
    public var endAddress: Int { Int(address) + type.registerCount }
}
