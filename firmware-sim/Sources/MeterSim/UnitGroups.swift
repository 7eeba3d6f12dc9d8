import Foundation
import MeterKit

/// Which units a bus carries and which profile each impersonates, written
/// `1-3:sdm630,7:sdm120,12:sunspec-203` (`meter-sim --units`).
///
/// Groups are separated by commas; each is `UNITS[:PROFILE]`, where UNITS is one unit id
/// or one range (`1-3`) and PROFILE a profile stem or path; a group without a profile gets
/// the default one (`--profile`). So `1,3,7-9` still reads as it always did, and
/// `1,3:sdm120` is unit 1 with the default profile and unit 3 with sdm120. A mixed bus is
/// the common field case (three-phase meters for the building, single-phase for tenants,
/// a SunSpec meter at the inverter), and the gateway's scan must tell them apart.
///
/// A unit in two groups is refused: which of the two profiles was meant is a guess.
public struct UnitGroups: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        public var units: UnitSelection
        /// The profile reference as written, or nil for the default profile.
        public var profile: String?
    }

    public let groups: [Group]

    /// - Throws: `MeterSetupError` naming `--units`, the text and the offending group or
    ///   unit, for an empty group, a bad unit or range, `UNITS:` without a profile, or a
    ///   unit in two groups.
    public init(parsing text: String) throws(MeterSetupError) {
        var groups: [Group] = []
        var owner: [UInt8: String] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let part = item.trimmingCharacters(in: .whitespaces)
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let units: UnitSelection
            do {
                units = try UnitSelection(parsing: pieces[0])
            } catch {
                throw MeterSetupError("--units '\(text)': \(part.isEmpty ? "an empty group" : "'\(part)'") is not UNITS[:PROFILE] (\(error.reason))")
            }
            var profile: String?
            if pieces.count == 2 {
                let name = pieces[1].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw MeterSetupError("--units '\(text)': '\(part)' names no profile after ':'") }
                profile = name
            }
            for unit in units.units {
                if let first = owner[unit] {
                    throw MeterSetupError("--units '\(text)': unit \(unit) is in two groups, '\(first)' and '\(part)'")
                }
                owner[unit] = part
            }
            groups.append(Group(units: units, profile: profile))
        }
        self.groups = groups
    }

    /// Every unit of every group, ascending.
    public var units: [UInt8] { groups.flatMap(\.units.units).sorted() }

    /// Each unit's profile reference, `defaultProfile` where its group names none.
    public func profiles(default defaultProfile: String) -> [UInt8: String] {
        var result: [UInt8: String] = [:]
        for group in groups {
            for unit in group.units.units { result[unit] = group.profile ?? defaultProfile }
        }
        return result
    }

    /// `1-3 sdm630, 7 sdm120, 12 sunspec-203`: units per profile id, in the order of each
    /// profile's lowest unit, for the emulator's startup line.
    public static func summary(_ profileIDs: [UInt8: String]) -> String {
        var order: [String] = []
        var unitsByProfile: [String: [UInt8]] = [:]
        for unit in profileIDs.keys.sorted() {
            let id = profileIDs[unit]!
            if unitsByProfile[id] == nil { order.append(id) }
            unitsByProfile[id, default: []].append(unit)
        }
        return order.map { "\(ranges(unitsByProfile[$0]!)) \($0)" }.joined(separator: ", ")
    }

    /// `1-3,7` for sorted units.
    public static func ranges(_ units: [UInt8]) -> String {
        UnitSelection(units: units).description
    }
}
