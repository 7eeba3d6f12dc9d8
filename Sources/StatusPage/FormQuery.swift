import Foundation

/// The values of a URL query as a browser's `<form method=get>` encodes them
/// (application/x-www-form-urlencoded): `+` is a space, the rest percent-encoded. A server's
/// generic query parsing often leaves `+` alone, and meter names from configuration may hold
/// spaces, so the page decodes its own two parameters.
enum FormQuery {
    /// Name to value; the first occurrence of a name wins; undecodable text is taken as is.
    static func values(_ query: String?) -> [String: String] {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0]), value = parts.count > 1 ? decode(parts[1]) : ""
            if values[name] == nil { values[name] = value }
        }
        return values
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
