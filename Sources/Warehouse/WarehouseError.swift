import PostgresNIO

/// Why a warehouse call failed, split by what the caller should do next.
///
/// - `unavailable`: the warehouse could not be reached or gave up for reasons that are not
///   the data's fault (refused or closed connection, timeout, server shutting down, lock or
///   serialization conflicts, and any other server error). Keep the batch and retry later.
/// - `rejected`: the server refused the data itself (SQLSTATE class 22, data exception, or
///   23, integrity constraint violation). The same batch will never succeed: set it aside.
///
/// Nothing of a failed `load` is kept in either case: it runs in one transaction.
public enum WarehouseError: Error, Sendable, Hashable, CustomStringConvertible {
    case unavailable(Reason)
    case rejected(reason: Reason)

    /// What the server or the connection said.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        /// The server's SQLSTATE (e.g. `23514` for a CHECK violation); nil when no server answered.
        public var sqlState: String?
        public var message: String
        /// The server's detail line, or the constraint the row violated.
        public var detail: String?

        public init(sqlState: String? = nil, message: String, detail: String? = nil) {
            self.sqlState = sqlState
            self.message = message
            self.detail = detail
        }

        public var description: String {
            [sqlState.map { "SQLSTATE \($0)" }, message, detail].compactMap { $0 }.joined(separator: ": ")
        }
    }

    public var reason: Reason {
        switch self {
        case .unavailable(let reason), .rejected(let reason): reason
        }
    }

    public var isRetryable: Bool {
        if case .unavailable = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .unavailable(let reason): "warehouse unavailable: \(reason)"
        case .rejected(let reason): "warehouse rejected the data: \(reason)"
        }
    }

    /// Classifies any error that came out of postgres-nio or NIO.
    init(_ error: any Error) {
        if let error = error as? WarehouseError {
            self = error
            return
        }
        guard let error = error as? PSQLError else {
            self = .unavailable(Reason(message: String(describing: error)))
            return
        }
        guard error.code == .server, let info = error.serverInfo else {
            let underlying = error.underlying.map { ": \($0)" } ?? ""
            self = .unavailable(Reason(message: "\(error.code)\(underlying)"))
            return
        }
        let state = info[.sqlState]
        let detail = info[.detail] ?? info[.constraintName].map { "constraint \($0)" }
        let reason = Reason(sqlState: state, message: info[.message] ?? "server error", detail: detail)
        if let state, state.hasPrefix("22") || state.hasPrefix("23") {
            self = .rejected(reason: reason)
        } else {
            self = .unavailable(reason)
        }
    }
}
