/// Why a description of a fleet on the command line (`--units` groups, `--fault`) was
/// refused: one line that names the option, the value as written, and what is wrong, so
/// the emulator can print it as it is and a technician sees what to fix.
public struct MeterSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
