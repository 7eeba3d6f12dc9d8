import ArgumentParser
import CommandLineSupport

@main
struct Metergate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metergate",
        abstract: "Smart-meter data collector and AMR gateway for Modbus TCP and RTU meters.",
        subcommands: [ReadCommand.self, ScanCommand.self, CommissionCommand.self, ClockCommand.self, ConfigCommand.self, RunCommand.self, StatusCommand.self, IntervalsCommand.self, VEECommand.self, ExportCommand.self, BillingCommand.self, RereadCommand.self, TokenCommand.self]
    )

    /// Parses and runs like ArgumentParser's own `main`, but every failure is one line.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error)
        }
    }
}
