import ArgumentParser
import Foundation

extension ParsableCommand {
    /// Ends the process for an error from parsing or running a command.
    ///
    /// ArgumentParser's own `main` follows a bad argument with a usage dump; technicians read
    /// these messages on small screens, so every failure here is one line, `NAME: problem`,
    /// and `--help` still prints the full help.
    public static func exit(reporting error: any Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
        } else if !(error is ExitCode) {
            let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            let line = first.hasPrefix("Error: ") ? String(first.dropFirst("Error: ".count)) : first
            FileHandle.standardError.write(Data("\(configuration.commandName ?? "error"): \(line)\n".utf8))
        }
        Foundation.exit(code.rawValue)
    }
}
