import YAMLSupport

/// Why a device profile could not be found or loaded: file, line, key path and message,
/// printed as one `file:line: key: message` line (see `SourceError`).
public typealias ProfileError = SourceError
