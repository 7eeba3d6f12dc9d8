import AsyncHTTPClient
import Foundation
import GatewayConfig
import NIOCore
import NIOHTTP1

/// Billing determinants POSTed as JSON to a billing system.
///
/// The body is `{"gateway": …, "batch": "first-last", "documents": [ … ]}`; each document
/// carries its own idempotency key (gateway/meter/cycle/version), which is what a billing
/// system must apply once, and the request carries `Idempotency-Key` for the batch. Status
/// classes decide what the outbox does: 2xx delivered; 400, 413 and 422 refused (the data
/// itself); anything else, including 401/403/404 (a configuration or credential problem an
/// operator fixes, not bad data), and every transport failure: retry later.
public struct HTTPBillingDestination: Destination {
    public let id: String
    let endpoint: DestinationConfiguration.HTTPEndpoint
    let client: HTTPClient

    public init(id: String, endpoint: DestinationConfiguration.HTTPEndpoint, client: HTTPClient = .shared) {
        self.id = id
        self.endpoint = endpoint
        self.client = client
    }

    public func deliver(_ batch: OutboxBatch) async throws(DeliveryError) {
        guard case .billing(let rows) = batch.rows else { throw .rejected("an http destination takes billing documents only") }
        let documents = rows.map { BatchJSON.billingDocument($0, meter: batch.meterName($0.meterID), gatewayID: batch.gatewayID) }
        let body = "{\"gateway\":\(BatchJSON.quoted(batch.gatewayID)),\"batch\":\"\(batch.positions.lowerBound)-\(batch.positions.upperBound)\","
            + "\"documents\":[\(documents.joined(separator: ","))]}"
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: "\(batch.gatewayID)/\(id)/\(batch.positions.lowerBound)-\(batch.positions.upperBound)")
        for (name, value) in endpoint.headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let status: HTTPResponseStatus
        let answer: String
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(endpoint.timeoutSeconds)))
            status = response.status
            let bytes = try await response.body.collect(upTo: 64 * 1024)
            answer = String(buffer: bytes).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw .unavailable("POST \(endpoint.url): \(error)")
        }
        let said = answer.isEmpty ? "" : ": \(answer.prefix(500))"
        switch status.code {
        case 200..<300: return
        case 400, 413, 422: throw .rejected("POST \(endpoint.url): HTTP \(status.code)\(said)")
        default: throw .unavailable("POST \(endpoint.url): HTTP \(status.code)\(said)")
        }
    }
}
