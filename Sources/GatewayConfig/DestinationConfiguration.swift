/// One place the gateway forwards to (an entry of `destinations`): what it sends, how, and
/// how hard it retries. Each destination has its own outbox in the store, keyed by `id`.
public struct DestinationConfiguration: Sendable, Hashable {
    /// What a destination receives.
    public enum Payload: String, Sendable, Hashable, CaseIterable {
        /// Validated interval revisions, corrections included.
        case intervals
        /// Billing determinants per meter and cycle, every version.
        case billing
    }

    /// How a destination is reached.
    public enum Transport: Sendable, Hashable {
        /// The load-research warehouse (intervals only).
        case postgres(url: String)
        /// An HTTP(S) endpoint taking POSTed JSON (billing only).
        case http(HTTPEndpoint)
        /// Files dropped into a directory, each written whole and renamed into place.
        case file(directory: String, format: FileFormat)
    }

    /// How a file destination writes its batches.
    public enum FileFormat: String, Sendable, Hashable, CaseIterable {
        /// Interval CSV, or billing CSV in long format (one record per determinant; docs/formats.md).
        case csv
        /// One JSON document per line (billing).
        case jsonl
        /// Green Button ESPI XML (intervals).
        case espi
        /// Texas LSE-style interval file (intervals).
        case lse

        /// The payloads the format can carry.
        public var payloads: Set<Payload> {
            switch self {
            case .jsonl: [.billing]
            case .csv: [.intervals, .billing]
            case .espi, .lse: [.intervals]
            }
        }
    }

    public struct HTTPEndpoint: Sendable, Hashable {
        /// `http://` or `https://`; TLS uses the system's trust roots.
        public var url: String
        public var timeoutSeconds: Int
        /// Extra request headers, such as `Authorization`.
        public var headers: [String: String]

        public init(url: String, timeoutSeconds: Int = 10, headers: [String: String] = [:]) {
            self.url = url
            self.timeoutSeconds = timeoutSeconds
            self.headers = headers
        }
    }

    public var id: String
    public var payload: Payload
    public var transport: Transport
    /// Rows (interval revisions or cycle versions) per batch at most.
    public var batchSize: Int
    /// The first wait after a failure; it doubles per consecutive failure (with jitter) up
    /// to `maxBackoffSeconds`.
    public var minBackoffSeconds: Int
    public var maxBackoffSeconds: Int

    public init(id: String, payload: Payload, transport: Transport, batchSize: Int, minBackoffSeconds: Int = 1, maxBackoffSeconds: Int = 600) {
        self.id = id
        self.payload = payload
        self.transport = transport
        self.batchSize = batchSize
        self.minBackoffSeconds = minBackoffSeconds
        self.maxBackoffSeconds = maxBackoffSeconds
    }
}
