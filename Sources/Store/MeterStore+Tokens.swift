import Foundation
import GRDB

/// API tokens: the headend's access list. The store never sees a token, only its SHA-256
/// (hashing is the caller's, so the store needs no crypto library).
extension MeterStore {
    /// Adds a token under a new name.
    ///
    /// - Throws: `StoreError` when the name or hash is taken, the role is not one the schema
    ///   allows, or the hash is not 32 bytes.
    public func addToken(name: String, role: String, sha256: [UInt8], at: Date) throws(StoreError) {
        try write("add token \(name)") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_token WHERE name = ?", arguments: [name]) == true {
                throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "a token named \(name) exists already (revoked tokens keep their name)")
            }
            try db.execute(sql: "INSERT INTO api_token (name, role, sha256, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role, Data(sha256), at.unixMillis])
        }
    }

    /// Every token, valid or revoked, by name.
    public func tokens() throws(StoreError) -> [APITokenRow] {
        try read("list tokens") { db in
            try Row.fetchAll(db, sql: "SELECT name, role, created_at, revoked_at FROM api_token ORDER BY name").map { row in
                APITokenRow(name: row[0], role: row[1], createdAt: Date(unixMillis: row[2]), revokedAt: (row[3] as Int64?).map(Date.init(unixMillis:)))
            }
        }
    }

    /// Revokes the named token (a second revocation keeps the first time).
    ///
    /// - Returns: false when no token has that name.
    @discardableResult
    public func revokeToken(name: String, at: Date) throws(StoreError) -> Bool {
        try write("revoke token \(name)") { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM api_token WHERE name = ?", arguments: [name]) == true else { return false }
            try db.execute(sql: "UPDATE api_token SET revoked_at = coalesce(revoked_at, ?) WHERE name = ?", arguments: [at.unixMillis, name])
            return true
        }
    }

    /// The token whose hash this is, revoked or not; nil for an unknown hash.
    public func token(sha256: [UInt8]) throws(StoreError) -> APITokenRow? {
        try read("look up token") { db in
            try Row.fetchOne(db, sql: "SELECT name, role, created_at, revoked_at FROM api_token WHERE sha256 = ?", arguments: [Data(sha256)]).map { row in
                APITokenRow(name: row[0], role: row[1], createdAt: Date(unixMillis: row[2]), revokedAt: (row[3] as Int64?).map(Date.init(unixMillis:)))
            }
        }
    }
}
