import Foundation
import GatewayConfig
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Store

/// The headend's HTTP server as a `Service`: `metergate run` puts it in its `ServiceGroup`
/// next to the collector and forwarding when gateway.yaml has an `api` section. It stops
/// with them on SIGTERM (Hummingbird finishes requests in flight).
///
/// The access log names method, path and status, never the
/// Authorization header: Hummingbird's own request logging is not used because it can
/// be configured to log headers.
public struct HeadendServer: Service {
    let application: Application<RouterResponder<HeadendContext>>

    /// - Parameters:
    ///   - settings: address, TLS files, commissioning records and the OpenAPI document.
    ///   - requests: which meters can be re-read, and the gateway clock, for on-demand reads.
    ///   - statusPage: serves the operators' status page at `/` when given.
    ///   - onListening: called with the bound port once the server listens (tests bind port 0).
    /// - Throws: `HeadendError` when the TLS files cannot be loaded.
    public init(settings: APISettings, store: MeterStore, metrics: GatewayMetrics, logger: Logger,
                requests: ReadRequestPolicy = ReadRequestPolicy(),
                statusPage: StatusPageSite? = nil,
                onListening: @escaping @Sendable (Int) async -> Void = { _ in }) throws(HeadendError) {
        let router = Router(context: HeadendContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: JSONErrorMiddleware())
        HeadendRoutes(store: store, metrics: metrics, commissioningRecords: settings.commissioningRecords,
                      openAPIDocument: settings.openAPIDocument, requests: requests, statusPage: statusPage).register(on: router)
        let server: HTTPServerBuilder
        if let tls = settings.tls {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
                let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
                server = try .tls(.http1(), tlsConfiguration: .makeServerConfiguration(certificateChain: certificates, privateKey: .privateKey(key)))
            } catch {
                throw HeadendError(message: "api.tls: cannot load \(tls.certificate) and \(tls.key): \(error)")
            }
        } else {
            server = .http1()
        }
        application = Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "metergate"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? settings.port) },
            logger: logger)
    }

    public func run() async throws {
        try await application.run()
    }
}

/// A failure to start the API, with the configuration key at fault.
public struct HeadendError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
