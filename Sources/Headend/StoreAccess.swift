import NIOPosix
import Store

/// Runs store queries off the cooperative pool. `MeterStore` blocks its caller on SQLite,
/// and a request handler runs on Swift's shared threads, where blocking would stall every
/// other request (and the collector's actors); NIO's blocking thread pool is made for it.
public struct StoreAccess: Sendable {
    public let store: MeterStore

    public init(store: MeterStore) {
        self.store = store
    }

    /// `body` on a blocking thread. A `StoreError` becomes a 503 naming the store problem;
    /// an `APIError` thrown by `body` passes through.
    public func run<T: Sendable>(_ body: @escaping @Sendable (MeterStore) throws -> T) async throws(APIError) -> T {
        let store = self.store
        do {
            return try await NIOThreadPool.singleton.runIfActive { try body(store) }
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.store(error)
        }
    }
}
