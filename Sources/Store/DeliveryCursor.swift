/// How far one forwarding destination got in one table (table `delivery_cursor`): every
/// row at or below `position` has been delivered. Retention never prunes a row above the
/// lowest cursor of its table, so nothing is deleted before every destination has it.
public struct DeliveryCursor: Sendable, Hashable {
    public var destination: String
    public var table: StoreTable
    public var position: Int64

    public init(destination: String, table: StoreTable, position: Int64) {
        self.destination = destination
        self.table = table
        self.position = position
    }
}
