import Billing
import Exports
import Foundation

/// Billing batches as files other than JSON Lines. The store keeps each version's
/// determinants as the JSON document billing systems receive; a CSV drop reads them back
/// from that document, so both forms always say the same thing.
enum BillingExport {
    /// The batch as billing CSV (`BillingCSV`). The meter and version come from the row, as
    /// in the JSON documents; a document that no longer decodes is refused (dead-lettered
    /// alone after narrowing) rather than dropped silently.
    static func csv(_ batch: OutboxBatch) throws(DeliveryError) -> String {
        guard case .billing(let rows) = batch.rows else { throw .rejected("a billing csv destination takes billing documents only") }
        var documents: [BillingDeterminants] = []
        documents.reserveCapacity(rows.count)
        for row in rows {
            do {
                var determinants = try decoder.decode(BillingDeterminants.self, from: Data(row.document.utf8))
                determinants.meterID = batch.meterName(row.meterID)
                determinants.version = row.version
                determinants.tariffID = row.tariff
                documents.append(determinants)
            } catch {
                throw .rejected("billing document \(row.seq) does not decode: \(error)")
            }
        }
        return BillingCSV.encode(documents, gatewayID: batch.gatewayID)
    }

    private static let decoder = JSONDecoder()
}
