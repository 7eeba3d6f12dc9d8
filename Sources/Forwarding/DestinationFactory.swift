import Foundation
import GatewayConfig
import Logging
import Warehouse

/// Makes the `Destination` a configuration entry describes.
enum DestinationFactory {
    /// - Parameter gateway: the whole configuration: the warehouse needs the gateway id and the
    ///   meters' metadata, and ESPI and LSE files the site's time zone (they are laid out in local days).
    static func make(_ configuration: DestinationConfiguration, gateway: GatewayConfiguration,
                     logger: Logger) throws(ForwardingSetupError) -> any Destination {
        let timeZone = gateway.vee.timeZone
        switch configuration.transport {
        case .http(let endpoint):
            return HTTPBillingDestination(id: configuration.id, endpoint: endpoint)
        case .file(let directory, let format):
            switch (configuration.payload, format) {
            case (.billing, .jsonl):
                return FileDestination(id: configuration.id, directory: directory, fileExtension: "jsonl") { batch in BatchJSON.lines(batch) }
            case (.billing, .csv):
                return FileDestination(id: configuration.id, directory: directory, fileExtension: "csv") { batch throws(DeliveryError) in
                    try BillingExport.csv(batch)
                }
            case (.intervals, .csv), (.intervals, .espi), (.intervals, .lse):
                let fileExtension = format == .espi ? "xml" : format.rawValue
                return FileDestination(id: configuration.id, directory: directory, fileExtension: fileExtension) { batch throws(DeliveryError) in
                    try IntervalExport.encode(batch, format: format, timeZone: timeZone)
                }
            default:
                // The configuration refuses these pairs; a hand-built one gets the same answer.
                throw ForwardingSetupError(destination: configuration.id, reason: "format \(format.rawValue) cannot carry \(configuration.payload.rawValue)")
            }
        case .postgres(let url):
            let endpoint: WarehouseEndpoint
            do {
                endpoint = try WarehouseEndpoint(url: url)
            } catch {
                throw ForwardingSetupError(destination: configuration.id, reason: "url: \(error)")
            }
            return WarehouseDestination(id: configuration.id, endpoint: endpoint, gatewayID: gateway.gatewayID,
                                        meters: WarehouseDestination.meters(of: gateway), logger: logger)
        }
    }
}
