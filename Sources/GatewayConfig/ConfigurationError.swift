import YAMLSupport

/// Why a gateway configuration could not be loaded: file, line, key path and message,
/// printed as one `file:line: key.path: message` line (see `SourceError`). The alias lets
/// callers name the error without depending on YAMLSupport, as `ProfileError` does for
/// profiles.
public typealias ConfigurationError = SourceError
