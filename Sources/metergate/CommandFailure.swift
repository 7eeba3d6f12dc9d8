import ArgumentParser
import Foundation

/// Runs a command body and turns any error into one line on stderr and a non-zero exit,
/// never a stack trace: technicians read these messages in the field.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("metergate: \(error)\n".utf8))
        throw ExitCode(2)
    }
}

/// A one-line error of the command line itself.
struct UsageFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
