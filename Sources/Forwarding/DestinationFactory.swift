import Foundation
import GatewayConfig

/// Makes the `Destination` a configuration entry describes.
enum DestinationFactory {
    /// - Parameter timeZone: the site's local time, for formats that are laid out in local days.
    static func make(_ configuration: DestinationConfiguration, timeZone: TimeZone) throws(ForwardingSetupError) -> any Destination {
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
        case .postgres:
            throw ForwardingSetupError(destination: configuration.id, reason: "the warehouse loader is not built yet")
        }
    }
}
