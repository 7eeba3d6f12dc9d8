import DeviceProfiles
import Foundation
import MeterKit
import YAMLSupport

/// Profiles and channels: each profile is loaded once however many meters use it, and
/// every channel must be a point the meter's profile maps.
extension ConfigParser {
    /// The profile a meter's `profile` names: an id in the catalog's devices directory or
    /// a path relative to the configuration file.
    ///
    /// A profile that cannot be found is reported at the meter's `profile` key with the
    /// catalog's message; a profile that is found but broken is reported at its own file
    /// and line, which is where the fix goes.
    mutating func loadProfile(_ field: YAMLField, catalog: ProfileCatalog) throws(SourceError) -> DeviceProfile {
        let reference = try field.name()
        let isPath = ProfileCatalog.isPath(reference)
        let url: URL
        do {
            url = try catalog.url(for: isPath ? absolute(reference) : reference)
        } catch {
            throw field.fail(Self.findingMessage(error, reference: reference, isPath: isPath))
        }
        let path = url.standardizedFileURL.path
        if let loaded = profilesByPath[path] { return loaded }
        let profile = try ProfileParser.parse(contentsOf: url)
        if let other = profileOrigins[profile.id] {
            throw field.fail("profile id '\(profile.id)' already names \(ProfileParser.displayPath(for: URL(fileURLWithPath: other.path)))"
                + "\(Self.note("line", other.line)); two profiles with one id would be ambiguous")
        }
        profilesByPath[path] = profile
        profileOrigins[profile.id] = (path, field.line)
        return profile
    }

    /// The catalog's message with the place it looked in, which its error carries as the file.
    private static func findingMessage(_ error: SourceError, reference: String, isPath: Bool) -> String {
        if isPath { return "\(error.message) \(error.file)" }
        guard error.file != reference else { return error.message }
        let marker = "(devices directory "
        guard error.message.contains(marker) else { return "\(error.message) (\(error.file))" }
        return error.message.replacingOccurrences(of: marker, with: "(devices directory \(error.file), ")
    }

    /// The listed channels, or by default every cumulative point of the profile in profile
    /// order: those are what interval data is derived from.
    ///
    /// Only names are checked, so a SunSpec profile, whose addresses are offsets until the
    /// device's chain is read, is checked like any other.
    func parseChannels(_ field: YAMLField?, profile: DeviceProfile, profileField: YAMLField) throws(SourceError) -> [PointName] {
        guard let field else {
            let cumulative = profile.points.map(\.name).filter(\.isCumulative)
            guard !cumulative.isEmpty else {
                throw profileField.fail("profile \(profile.id) maps no cumulative point, so there is no default; list channels")
            }
            return cumulative
        }
        let items = try field.sequence()
        guard !items.isEmpty else {
            throw field.fail("list at least one channel, or leave channels out to read every cumulative point of \(profile.id)")
        }
        let mapped = profile.points.map(\.name.rawValue)
        var channels: [PointName] = []
        for item in items {
            let text = try item.name()
            guard let name = PointName(rawValue: text) else {
                let vocabulary = PointName.allCases.map(\.rawValue)
                let close = Suggestions.close(to: text, in: vocabulary)
                throw item.fail(close.isEmpty
                    ? "unknown point name '\(text)'; the vocabulary is \(vocabulary.joined(separator: ", "))"
                    : "unknown point name '\(text)' (did you mean \(close.joined(separator: ", "))?)")
            }
            guard profile.point(name) != nil else {
                throw item.fail("profile \(profile.id) does not map \(text)\(Suggestions.hint(for: text, in: mapped)); "
                    + "it maps \(mapped.joined(separator: ", "))")
            }
            guard !channels.contains(name) else { throw item.fail("channel \(text) is listed twice") }
            channels.append(name)
        }
        return channels
    }
}
