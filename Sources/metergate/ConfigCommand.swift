import ArgumentParser
import DeviceProfiles
import GatewayConfig

/// `metergate config`: work with the gateway's configuration file without starting it.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check a gateway configuration file.",
        subcommands: [Check.self]
    )

    /// Loads a configuration with all its profiles, so that a typo shows up before a
    /// deployment rather than as a meter that is never read.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Load a gateway configuration and its profiles and print a one-line summary.",
            discussion: """
            Prints `FILE: ok: ...` with the gateway id, the bus and meter counts (meters per profile), the read cadence, the interval length and the store path. The first problem ends the check with one line, FILE:LINE: KEY.PATH: MESSAGE, and exit status 2. The format is described in docs/gateway.example.yaml.

            metergate config check /etc/metergate/gateway.yaml
            """
        )

        @Argument(help: "The configuration file (gateway.yaml).")
        var file: String
        @Option(help: "Directory of device profiles when the file sets no `devices` (default: METERGATE_DEVICES, else the nearest devices/).")
        var devices: String?

        func run() async throws {
            try await reportingFailures {
                let catalog = devices.map { ProfileCatalog(directory: $0) }
                let configuration = try GatewayConfiguration.load(path: file, catalog: catalog)
                print("\(configuration.file): ok: \(configuration.summary)")
            }
        }
    }
}
