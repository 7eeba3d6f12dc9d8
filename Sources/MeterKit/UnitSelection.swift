/// A set of Modbus unit ids written as `1-50` or `1,3,7-9`.
public struct UnitSelection: Sendable, Hashable, CustomStringConvertible {
    public let units: [UInt8]

    /// Parses a selection; unit ids are 1 to 247 (0 is broadcast, 248-255 are reserved).
    public init(parsing text: String) throws(UnitSelectionError) {
        var units = Set<UInt8>()
        for part in text.filter({ $0 != " " }).split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = UInt8(bounds[0]), let high = UInt8(bounds.last!) else {
                throw UnitSelectionError(text: text, reason: "'\(part)' is not a unit id or a range like 1-10")
            }
            guard (1...247).contains(low), (1...247).contains(high), low <= high else {
                throw UnitSelectionError(text: text, reason: "'\(part)' is outside 1-247 or runs backwards")
            }
            units.formUnion(low...high)
        }
        self.units = units.sorted()
    }

    /// A selection of exactly these units, for printing ranges of units chosen otherwise.
    public init(units: some Sequence<UInt8>) {
        self.units = Set(units).sorted()
    }

    /// `1-3,7`: consecutive units as ranges.
    public var description: String {
        var parts: [String] = []
        var index = 0
        while index < units.count {
            var end = index
            while end + 1 < units.count, units[end + 1] == units[end] + 1 { end += 1 }
            parts.append(end == index ? "\(units[index])" : "\(units[index])-\(units[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}

public struct UnitSelectionError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "bad unit selection '\(text)': \(reason)" }
}
