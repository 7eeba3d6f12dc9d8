/// Why a destination did not take a batch, which decides what the outbox does next.
public enum DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The destination could not be reached or said "later" (connection refused, timeout,
    /// HTTP 5xx/429, PostgreSQL down): the same batch is retried after a back-off.
    case unavailable(String)
    /// The destination refused the data itself (HTTP 400/422, a PostgreSQL data or
    /// constraint error): retrying the same rows can never succeed, so the outbox narrows
    /// the batch down to the refused rows and moves those to the dead-letter table.
    case rejected(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "unavailable: \(reason)"
        case .rejected(let reason): "rejected: \(reason)"
        }
    }
}
