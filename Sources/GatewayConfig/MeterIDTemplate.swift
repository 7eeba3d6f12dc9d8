import YAMLSupport

/// A meter id with `{unit}` placeholders, so that a group of meters on consecutive units
/// (`a-{unit:03}` over `units: 2-100`) gets one distinct, sortable id per meter.
struct MeterIDTemplate {
    enum Part: Equatable {
        case text(String)
        /// The unit id in decimal, zero-padded to `width` digits (0: no padding).
        case unit(width: Int)
    }

    let parts: [Part]

    var hasPlaceholder: Bool { parts.contains { if case .unit = $0 { true } else { false } } }

    /// Parses `text`, failing at `field` on a placeholder other than `{unit}` or `{unit:0N}`.
    init(parsing text: String, field: YAMLField) throws(SourceError) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                throw field.fail("unbalanced brace in id '\(text)'; write {unit} or a zero-padded {unit:03}")
            }
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            let inner = rest[rest.index(after: open)..<close]
            if inner == "unit" {
                parts.append(.unit(width: 0))
            } else if inner.hasPrefix("unit:0"), inner.count == 7, let width = Int(inner.suffix(1)), width > 0 {
                parts.append(.unit(width: width))
            } else {
                throw field.fail("unknown placeholder '{\(inner)}' in id '\(text)'; write {unit} or a zero-padded {unit:03}")
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    func id(for unit: UInt8) -> String {
        parts.map { part in
            switch part {
            case .text(let text): return text
            case .unit(let width):
                let digits = String(unit)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
        }.joined()
    }
}
