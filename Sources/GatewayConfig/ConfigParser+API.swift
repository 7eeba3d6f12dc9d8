import DeviceProfiles
import Foundation
import YAMLSupport

extension ConfigParser {
    static let apiKeys = ["listen", "public", "tls", "commissioning_records", "openapi"]

    /// The `api` section (optional; without it the API does not run):
    /// - `listen` (text `host:port`, default `127.0.0.1:8080`; `[::1]:8080` for IPv6).
    /// - `public` (bool, default false): must be true for a host that is not loopback.
    /// - `tls` (mapping `certificate`, `key`: PEM files relative to the file's directory; both must exist).
    /// - `commissioning_records` (text): a directory of `metergate commission --record` files; it must exist.
    /// - `openapi` (text): the OpenAPI document to serve; default `docs/openapi.yaml` found
    ///   like `tariffs/` (`METERGATE_OPENAPI`, then up from the file, the current directory and the executable).
    func parseAPI(_ field: YAMLField?) throws(SourceError) -> APISettings? {
        guard let field else { return nil }
        let entry = try field.mapping(allowed: Self.apiKeys)
        var settings = APISettings()
        if let listen = entry["listen"] {
            let text = try listen.name()
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
                throw listen.fail("'\(text)' is not host:port (for example 127.0.0.1:8080)")
            }
            var host = String(text[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard !host.isEmpty else { throw listen.fail("'\(text)' has no host; write 127.0.0.1:\(port) or 0.0.0.0:\(port) with public: true") }
            settings.host = host
            settings.port = port
        }
        let isPublic = try entry["public"]?.bool() ?? false
        if !APISettings.isLoopback(settings.host) && !isPublic {
            throw (entry["listen"] ?? field).fail("\(settings.host) is not a loopback address; set public: true to serve the API beyond this machine")
        }
        if let tls = entry["tls"] {
            let files = try tls.mapping(allowed: ["certificate", "key"])
            let certificate = try existingFile(try files.required("certificate"))
            let key = try existingFile(try files.required("key"))
            settings.tls = APISettings.TLSFiles(certificate: certificate, key: key)
        }
        if let records = entry["commissioning_records"] { settings.commissioningRecords = try directory(records) }
        if let document = entry["openapi"] {
            settings.openAPIDocument = try existingFile(document)
        } else {
            settings.openAPIDocument = Self.nearestOpenAPIDocument(from: baseDirectory)
        }
        return settings
    }

    private func existingFile(_ field: YAMLField) throws(SourceError) -> String {
        let path = absolute(try field.name())
        guard FileManager.default.isReadableFile(atPath: path) else { throw field.fail("no readable file \(path)") }
        return path
    }

    static func nearestOpenAPIDocument(from base: String) -> String? {
        if let path = ProcessInfo.processInfo.environment["METERGATE_OPENAPI"], !path.isEmpty { return path }
        var starts = [URL(fileURLWithPath: base, isDirectory: true), URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)]
        if let executable = ProfileCatalog.runningExecutablePath() { starts.append(URL(fileURLWithPath: executable).deletingLastPathComponent()) }
        for start in starts {
            if let docs = ProfileCatalog.nearestDirectory(named: "docs", from: start) {
                let path = docs.appendingPathComponent("openapi.yaml").path
                if FileManager.default.fileExists(atPath: path) { return path }
            }
        }
        return nil
    }
}
