/// The headend's HTTP API (`api:` in gateway.yaml): where it listens, with which
/// certificate, and where commissioning records are served from.
///
/// The API is off unless the section is there. Its address is loopback unless the file
/// says otherwise, and a non-loopback address must be confirmed with `public: true`, so a
/// copied example never exposes the gateway's data on a plant network by accident.
public struct APISettings: Sendable, Hashable {
    /// Host name or address to bind (`127.0.0.1` by default).
    public var host: String
    /// TCP port; 0 asks the system for a free one (tests).
    public var port: Int
    /// PEM certificate chain and private key, absolute; nil for plain HTTP.
    public var tls: TLSFiles?
    /// Folder of `metergate commission --record` JSON files, absolute; nil serves none.
    public var commissioningRecords: String?
    /// The OpenAPI document served at `/openapi.yaml`, absolute; nil when not found.
    public var openAPIDocument: String?

    public struct TLSFiles: Sendable, Hashable {
        public var certificate: String
        public var key: String

        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    public init(host: String = "127.0.0.1", port: Int = 8080, tls: TLSFiles? = nil, commissioningRecords: String? = nil,
                openAPIDocument: String? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
        self.commissioningRecords = commissioningRecords
        self.openAPIDocument = openAPIDocument
    }

    /// Whether `host` is a loopback address or name (127.0.0.0/8, ::1, localhost).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
