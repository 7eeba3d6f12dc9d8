import Crypto
import Foundation

/// API tokens: 32 random bytes, shown once as 64 hex digits prefixed `mgt_` (so a token
/// found in a log or a script is recognisable as ours), stored only as their SHA-256.
/// A hash needs no salt or slow function here: the token is random and long, not a
/// password a person chose.
public enum APIToken {
    /// A new token from the system's secure random source.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "mgt_" + bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of the token's text: what the store keeps and looks up.
    public static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }
}
