/// Somewhere a batch can be delivered to. A delivery must have exactly-once effect when it
/// is repeated: the outbox resends a batch whose acknowledgement it did not record (a crash
/// between the two), so every destination keys what it writes by the rows' identities.
public protocol Destination: Sendable {
    /// The destination's id in the configuration and the store.
    var id: String { get }

    /// Called once before the first delivery (a warehouse migrates its schema here).
    func prepare() async throws(DeliveryError)

    /// Delivers the batch; returns only when the destination has it durably.
    func deliver(_ batch: OutboxBatch) async throws(DeliveryError)

    /// Releases connections; the outbox calls it when it stops.
    func close() async
}

extension Destination {
    public func prepare() async throws(DeliveryError) {}
    public func close() async {}
}
