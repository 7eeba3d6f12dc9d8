import Foundation

extension BillingDeterminants {
    /// The stored billing document: the Codable form encoded with sorted keys, so the same
    /// determinants always give the same bytes (a recomputed cycle is compared by value, and
    /// a resent version must be the same text).
    public func jsonDocument() throws -> String {
        String(decoding: try Self.documentEncoder.encode(self), as: UTF8.self)
    }

    private static let documentEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
