import Foundation
import GatewayConfig
import Logging
import Warehouse

/// Makes the `Destination` a configuration entry describes.
enum DestinationFactory {
    /// - Parameter timeZone: the site's local time, for formats that are laid out in local days.
    /// - Parameter gateway: the whole configuration: the warehouse needs the gateway id and the meters' metadata.
    static func make(_ configuration: DestinationConfiguration, timeZone: TimeZone,
                     gateway: GatewayConfiguration? = nil, logger: Logger = Logger(label: "metergate")) throws(ForwardingSetupError) -> any Destination {
        switch configuration.transport {
        case .http(let endpoint):
            return HTTPBillingDestination(id: configuration.id, endpoint: endpoint)
        case .file(let directory, let format):
            switch (configuration.payload, format) {
            case (.billing, .jsonl):
                return FileDestination(id: configuration.id, directory: directory, fileExtension: "jsonl") { batch in BatchJSON.lines(batch) }
            case (.intervals, .csv), (.intervals, .espi), (.intervals, .lse):
                let fileExtension = format == .espi ? "xml" : format.rawValue
                return FileDestination(id: configuration.id, directory: directory, fileExtension: fileExtension) { batch throws(DeliveryError) in
                    try IntervalExport.encode(batch, format: format, timeZone: timeZone)
                }
            default:
                throw ForwardingSetupError(destination: configuration.id, reason: "\(format.rawValue) files of \(configuration.payload.rawValue) are not built yet")
            }
        case .postgres(let url):
            let endpoint: WarehouseEndpoint
            do {
                endpoint = try WarehouseEndpoint(url: url)
            } catch {
                throw ForwardingSetupError(destination: configuration.id, reason: "url: \(error)")
            }
            return WarehouseDestination(id: configuration.id, endpoint: endpoint, gatewayID: gateway?.gatewayID ?? "gateway",
                                        meters: gateway.map(WarehouseDestination.meters(of:)) ?? [], logger: logger)
        }
    }
}
