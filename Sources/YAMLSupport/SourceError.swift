/// Why a hand-written data file (a device profile, the gateway configuration) could not be
/// found or loaded, pinned to the spot to fix.
///
/// Such a file is reviewed like code, so an error must lead its author
/// straight to the offending line: it names the file, the 1-based line Yams reported for the
/// offending node, and the key path (`points.voltage.l1.type`) that a grep or an editor
/// jump can follow. The description is always one line, in the `file:line: what` shape
/// compilers use, so terminals and editors turn it into a link.
public struct SourceError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The file as shown to the user (relative to the current directory when inside it),
    /// or the devices directory when the error is about finding a profile rather than
    /// reading one.
    public var file: String
    /// 1-based line of the offending node; nil when the problem has no single line (the
    /// file cannot be read, a profile name is unknown).
    public var line: Int?
    /// Dot-joined keys from the document root to the offending node; empty for problems
    /// with the file as a whole. Point names contain dots themselves, so
    /// `points.voltage.l1.type` is the `type` key of point `voltage.l1`.
    public var keyPath: String
    /// What is wrong and, where it helps, what would be accepted.
    public var message: String

    public init(file: String, line: Int? = nil, keyPath: String = "", message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// `devices/sdm630.yaml:14: points.voltage.l1.type: unknown type 'flaot32' (...)`.
    ///
    /// Newlines in the message (some Yams problems carry them) are folded into spaces so
    /// that the promise of one line holds for every error.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !keyPath.isEmpty { text += keyPath + ": " }
        text += message
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
