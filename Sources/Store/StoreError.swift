import GRDB

/// A failure of the store, printed as one line that names the store file and what failed,
/// for example `store /var/lib/metergate/store.sqlite: commit of bus rs485-1 cycle
/// 2025-01-01T00:15:00.000Z: FOREIGN KEY constraint failed (SQLite 787)`.
///
/// It keeps SQLite's result code so callers can tell a full disk from a constraint, but
/// never statement arguments: meter values and names stay out of logs.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The store file.
    public var path: String
    /// What the store was doing, e.g. "open", "commit of bus rs485-1 cycle ...".
    public var operation: String
    /// Why it failed, in SQLite's or the store's words.
    public var reason: String
    /// SQLite's extended result code when SQLite reported the failure.
    public var sqliteCode: Int32?

    public init(path: String, operation: String, reason: String, sqliteCode: Int32? = nil) {
        self.path = path
        self.operation = operation
        self.reason = reason
        self.sqliteCode = sqliteCode
    }

    /// Wraps any error thrown while doing `operation` on the store at `path`.
    init(path: String, operation: String, error: any Error) {
        if let error = error as? StoreError {
            self = error
        } else if let error = error as? DatabaseError {
            let message = error.message ?? "SQLite error"
            self.init(path: path, operation: operation, reason: message, sqliteCode: error.extendedResultCode.rawValue)
        } else {
            self.init(path: path, operation: operation, reason: "\(error)")
        }
    }

    public var description: String {
        let code = sqliteCode.map { " (SQLite \($0))" } ?? ""
        let line = "store \(path): \(operation): \(reason)\(code)"
        return line.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
