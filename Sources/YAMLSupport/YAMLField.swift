import Foundation
import Yams

/// A node of a profile document together with where it sits, so that every check made on
/// it can fail with the file, line and key path of exactly this node.
///
/// Yams' `Decodable` route loses line numbers, which is why the parser walks `Node`s
/// through this wrapper instead.
public struct YAMLField {
    public let node: Node
    /// Dot-joined keys from the root (`points.voltage.l1.type`); empty for the root.
    public let path: String
    /// Line of the key that introduced this node, if any.
    public let keyLine: Int?
    public let file: String

    public init(node: Node, path: String, keyLine: Int?, file: String) {
        self.node = node
        self.path = path
        self.keyLine = keyLine
        self.file = file
    }

    /// The line an error about this node points at.
    ///
    /// A scalar's own line is the most precise. For a mapping the key that introduced it is
    /// better: a block mapping's own mark is its first child, which is not where a missing
    /// key belongs.
    public var line: Int? {
        if case .scalar = node { return node.mark?.line ?? keyLine }
        return keyLine ?? node.mark?.line
    }

    public func fail(_ message: String) -> SourceError {
        SourceError(file: file, line: line, keyPath: path, message: message)
    }

    public func child(_ key: String, _ value: Node, keyLine: Int?) -> YAMLField {
        YAMLField(node: value, path: path.isEmpty ? key : path + "." + key, keyLine: keyLine, file: file)
    }

    /// The entries of a mapping in file order, rejecting keys outside `allowed` (nil allows
    /// any key, for mappings keyed by names the caller checks itself).
    public func mapping(allowed: [String]?) throws(SourceError) -> YAMLMapping {
        guard case .mapping(let pairs) = node else {
            throw fail("expected a mapping, got \(kindDescription)")
        }
        var entries: [(key: String, field: YAMLField)] = []
        for (keyNode, value) in pairs {
            let keyLine = keyNode.mark?.line
            guard case .scalar(let scalar) = keyNode else {
                throw SourceError(file: file, line: keyLine, keyPath: path, message: "keys must be plain names")
            }
            let key = scalar.string
            let field = child(key, value, keyLine: keyLine)
            if let allowed, !allowed.contains(key) {
                let hint = Suggestions.hint(for: key, in: allowed)
                throw SourceError(file: file, line: keyLine, keyPath: field.path,
                                   message: "unknown key '\(key)'\(hint); expected one of \(allowed.joined(separator: ", "))")
            }
            entries.append((key, field))
        }
        return YAMLMapping(owner: self, entries: entries)
    }

    /// The text of a scalar, whatever type YAML resolved it to (`model: 0100` stays "0100").
    public func string() throws(SourceError) -> String {
        guard case .scalar(let scalar) = node else { throw fail("expected a text value, got \(kindDescription)") }
        // `description:` with nothing after it (or `~`) is YAML's null: read it as no text.
        if scalar.style == .plain, node.null != nil { return "" }
        return scalar.string
    }

    /// A non-empty text value.
    public func name() throws(SourceError) -> String {
        let text = try string().trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw fail("must not be empty") }
        return text
    }

    public func bool() throws(SourceError) -> Bool {
        guard case .scalar = node, let value = node.bool else {
            throw fail("expected true or false, got \(kindDescription)")
        }
        return value
    }

    public func double() throws(SourceError) -> Double {
        let text = try string().trimmingCharacters(in: .whitespaces)
        guard let value = Double(text) ?? node.float, value.isFinite else {
            throw fail("expected a number, got \(kindDescription)")
        }
        return value
    }

    /// A whole number written in decimal or as `0x` hex, within `range`.
    ///
    /// The scalar text is parsed here rather than taken from Yams' resolution: YAML 1.1
    /// resolves `0x0048` to an int but reads a leading zero as octal (`0010` is 8), while
    /// register maps in datasheets are decimal or hex, never octal.
    public func integer(in range: ClosedRange<Int>, what: String = "value") throws(SourceError) -> Int {
        let text = try string().trimmingCharacters(in: .whitespaces)
        let digits = text.replacingOccurrences(of: "_", with: "")
        let parsed: Int?
        if digits.lowercased().hasPrefix("0x") {
            parsed = Int(digits.dropFirst(2), radix: 16)
        } else {
            parsed = digits.allSatisfy(\.isNumber) || digits.hasPrefix("-") ? Int(digits) : nil
        }
        guard let value = parsed else {
            throw fail("expected a decimal or 0x hex integer, got \(kindDescription)")
        }
        guard range.contains(value) else {
            throw fail("\(what) \(text) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// The items of a list, each named by its index in the key path (`probe.within.1`).
    public func sequence() throws(SourceError) -> [YAMLField] {
        guard case .sequence(let items) = node else { throw fail("expected a list, got \(kindDescription)") }
        return items.enumerated().map { index, item in child(String(index), item, keyLine: item.mark?.line) }
    }

    /// A register address, 0...65535 (0x0000...0xFFFF).
    public func address() throws(SourceError) -> UInt16 {
        UInt16(try integer(in: 0...0xFFFF, what: "address"))
    }

    /// What the node is, for "expected X, got Y" messages.
    public var kindDescription: String {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

}

/// A mapping's entries with lookups that fail at the right spot.
public struct YAMLMapping {
    public let owner: YAMLField
    public let entries: [(key: String, field: YAMLField)]

    public subscript(key: String) -> YAMLField? { entries.first { $0.key == key }?.field }

    public func required(_ key: String) throws(SourceError) -> YAMLField {
        guard let field = self[key] else {
            let path = owner.path.isEmpty ? key : owner.path + "." + key
            throw SourceError(file: owner.file, line: owner.line, keyPath: path, message: "missing required key '\(key)'")
        }
        return field
    }
}
