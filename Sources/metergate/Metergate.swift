import ArgumentParser
import Foundation

@main
struct Metergate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metergate",
        abstract: "Smart-meter data collector and AMR gateway for Modbus TCP and RTU meters.",
        subcommands: [ReadCommand.self]
    )

    /// Parses and runs like ArgumentParser's own `main`, except that a bad argument ends with
    /// one line naming the problem (the field reads these on small screens) instead of a usage dump;
    /// `--help` still prints the full help.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
            } else if !(error is ExitCode) {
                let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                FileHandle.standardError.write(Data("metergate: \(message.replacingOccurrences(of: "Error: ", with: ""))\n".utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
