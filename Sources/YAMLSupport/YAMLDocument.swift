import Foundation
import Yams

/// Turns profile text into a Yams node tree, translating every Yams failure into a
/// one-line `SourceError` with the line Yams reported.
///
/// Yams' own descriptions span several lines (a snippet and a caret) and its duplicate-key
/// error points at the first of the duplicated keys with no key path, so this type
/// rewrites both into the profile error shape.
public enum YAMLDocument {
    public static func compose(_ yaml: String, file: String) throws(SourceError) -> Node {
        let root: Node?
        do {
            // The basic resolver leaves every scalar's type to YAMLField. Yams' default one runs
            // NSRegularExpression (ICU) on each scalar: megabytes mapped into the gateway for
            // tags nothing here reads.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw translate(error, yaml: yaml, file: file)
        } catch {
            throw SourceError(file: file, message: "cannot parse YAML: \(error)")
        }
        guard let root else {
            throw SourceError(file: file, message: "the file is empty; a profile needs at least manufacturer, model and points")
        }
        return root
    }

    public static func translate(_ error: YamlError, yaml: String, file: String) -> SourceError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return SourceError(file: file, line: mark.line, message: message)
        case .reader(let problem, let offset, _, _):
            return SourceError(file: file, line: offset.map { line(atUTF8Offset: $0, in: yaml) },
                                message: "cannot read the text: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKeyError(key: duplicates.first ?? "?", firstAt: context.mark, yaml: yaml, file: file)
        default:
            return SourceError(file: file, message: "cannot parse YAML: \(error)")
        }
    }

    private static func line(atUTF8Offset offset: Int, in yaml: String) -> Int {
        1 + yaml.utf8.prefix(offset).lazy.filter { $0 == UInt8(ascii: "\n") }.count
    }

    // MARK: - Duplicate keys

    /// Points at the second occurrence of a duplicated key, with its key path.
    ///
    /// Yams only says which key repeats and where it first appeared. To name the repeat,
    /// each later spelling of the key is tried in turn: renamed to a placeholder, the text
    /// composes cleanly only when the renamed one was the duplicate, and the placeholder's
    /// place in the tree then gives its path and line. When that fails (the key is spelt
    /// with escapes, or several mappings repeat keys), the first occurrence is reported.
    private static func duplicateKeyError(key: String, firstAt first: Mark, yaml: String, file: String) -> SourceError {
        let placeholder = "\(key)__metergate_duplicate__"
        for candidate in laterOccurrences(of: key, after: first, in: yaml).prefix(20) {
            var scalars = Array(yaml.unicodeScalars)
            scalars.replaceSubrange(candidate, with: placeholder.unicodeScalars)
            var edited = ""
            edited.unicodeScalars.append(contentsOf: scalars)
            guard let root = try? Yams.compose(yaml: edited, .basic),
                  let found = find(key: placeholder, in: root, path: "") else { continue }
            let path = found.path.dropLast(placeholder.count) + key
            return SourceError(file: file, line: found.line, keyPath: String(path),
                                message: "duplicate key '\(key)' (first defined on line \(first.line))")
        }
        return SourceError(file: file, line: first.line, message: "duplicate key '\(key)'")
    }

    /// Ranges (in Unicode scalars) where `key` appears as a mapping key after `mark`.
    private static func laterOccurrences(of key: String, after mark: Mark, in yaml: String) -> [Range<Int>] {
        let text = Array(yaml.unicodeScalars)
        let needle = Array(key.unicodeScalars)
        guard !needle.isEmpty else { return [] }
        // Skip to just past the first occurrence: mark line and column are 1-based.
        var index = 0, line = 1
        while index < text.count, line < mark.line {
            if text[index] == "\n" { line += 1 }
            index += 1
        }
        index += mark.column - 1 + needle.count
        var found: [Range<Int>] = []
        while index + needle.count <= text.count {
            defer { index += 1 }
            guard text[index..<index + needle.count].elementsEqual(needle) else { continue }
            let before = index > 0 ? text[index - 1] : "\n"
            guard " \t\n{,\"'".unicodeScalars.contains(before) else { continue }
            var after = index + needle.count
            if after < text.count, text[after] == "\"" || text[after] == "'" { after += 1 }
            while after < text.count, text[after] == " " { after += 1 }
            if after < text.count, text[after] == ":" { found.append(index..<index + needle.count) }
        }
        return found
    }

    private static func find(key: String, in node: Node, path: String) -> (path: String, line: Int?)? {
        switch node {
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                let name = keyNode.scalar?.string ?? "?"
                let childPath = path.isEmpty ? name : path + "." + name
                if name == key { return (childPath, keyNode.mark?.line) }
                if let hit = find(key: key, in: value, path: childPath) { return hit }
            }
        case .sequence(let sequence):
            for (offset, element) in sequence.enumerated() {
                if let hit = find(key: key, in: element, path: path + "[\(offset)]") { return hit }
            }
        case .scalar, .alias:
            break
        }
        return nil
    }
}
