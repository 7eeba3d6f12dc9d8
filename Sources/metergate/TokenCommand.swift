import ArgumentParser
import Foundation
import GatewayConfig
import Headend
import Store

/// `metergate token add|list|revoke`: the API's access list, kept in the gateway's store.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens: add (shown once), list, revoke.",
        discussion: """
            Roles: reader (read data), operator (also re-reads and dead-letter retries), technician (also clock set and \
            commissioning records). The store keeps only each token's SHA-256; a lost token is revoked and replaced.

            metergate token add --config gateway.yaml --name grafana --role reader
            """,
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct StoreOptions: ParsableArguments {
        @Option(help: "The gateway configuration (YAML); its store holds the tokens.")
        var config: String

        func open() throws -> MeterStore {
            try MeterStore(path: try GatewayConfiguration.load(path: config).store.path)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")
        @OptionGroup var store: StoreOptions
        @Option(help: "A unique name for who holds the token (letters, digits, . _ -).")
        var name: String
        @Option(help: "reader, operator or technician.")
        var role: String

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("--role \(role): expected reader, operator or technician") }
            guard name.wholeMatch(of: /[A-Za-z0-9._-]{1,64}/) != nil else { throw ValidationError("--name \(name): letters, digits, '.', '_' and '-' only, 1 to 64") }
        }

        func run() async throws {
            try await reportingFailures {
                let opened = try store.open()
                defer { try? opened.close() }
                let token = APIToken.generate()
                try opened.addToken(name: name, role: role, sha256: APIToken.hash(token), at: Date())
                print(token)
                FileHandle.standardError.write(Data("token \(name) (\(role)) added; it is shown only now\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: name, role, created, revoked (never the token).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingFailures {
                let opened = try store.open()
                defer { try? opened.close() }
                let rows = try opened.tokens().map { token in
                    [token.name, token.role, token.createdAt.formatted(.iso8601), token.revokedAt?.formatted(.iso8601) ?? "-"]
                }
                print(rows.isEmpty ? "no tokens" : IntervalLine.table(header: ["name", "role", "created", "revoked"], rows: rows))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by name; the API refuses it from the next request on.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The token's name.")
        var name: String

        func run() async throws {
            try await reportingFailures {
                let opened = try store.open()
                defer { try? opened.close() }
                guard try opened.revokeToken(name: name, at: Date()) else { throw UsageFailure("--name \(name): no such token") }
                print("token \(name) revoked")
            }
        }
    }
}
