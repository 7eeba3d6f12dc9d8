import Foundation

/// Where the warehouse is: a PostgreSQL server, a database and a user, parsed from the URL
/// an operator writes in the gateway's configuration:
///
///     postgres://user[:password]@host[:port]/database[?sslmode=disable|require]
///
/// `postgresql://` is accepted too. The port defaults to 5432 and `sslmode` to `require`:
/// interval data leaves the site, so plain text has to be asked for. `require` encrypts
/// without verifying the server's certificate, as libpq's mode of that name does.
/// Percent-escapes in the user, password and database are decoded.
public struct WarehouseEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable {
        case disable
        case require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String, tls: TLSMode = .require) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses a warehouse URL.
    /// - Throws: `ParseError` naming the part of the URL that is wrong.
    public init(url text: String) throws(ParseError) {
        guard let components = URLComponents(string: text) else { throw .malformed(text) }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw .scheme(components.scheme ?? "")
        }
        guard let host = components.host, !host.isEmpty else { throw .missingHost }
        guard let user = components.user, !user.isEmpty else { throw .missingUser }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .port(port) }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else { throw .database(path) }
        var tls = TLSMode.require
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw .parameter(item.name) }
            guard let mode = TLSMode(rawValue: item.value ?? "") else { throw .sslMode(item.value ?? "") }
            tls = mode
        }
        self.init(host: host, port: port, user: user.removingPercentEncoding ?? user,
                  password: components.password.map { $0.removingPercentEncoding ?? $0 },
                  database: path.removingPercentEncoding ?? path, tls: tls)
    }

    /// The URL without the password, for logs and messages.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    /// What is wrong with a warehouse URL.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed(String)
        case scheme(String)
        case missingHost
        case missingUser
        case port(Int)
        case database(String)
        case parameter(String)
        case sslMode(String)

        public var description: String {
            switch self {
            case .malformed(let text): "warehouse URL '\(text)' is not a URL"
            case .scheme(let scheme): "warehouse URL scheme '\(scheme)' is not postgres://"
            case .missingHost: "warehouse URL has no host"
            case .missingUser: "warehouse URL has no user (postgres://user@host/database)"
            case .port(let port): "warehouse URL port \(port) is out of range 1...65535"
            case .database(let path): "warehouse URL path '\(path)' is not one database name"
            case .parameter(let name): "warehouse URL parameter '\(name)' is not supported (only sslmode)"
            case .sslMode(let mode): "warehouse URL sslmode '\(mode)' is not disable or require"
            }
        }
    }
}
