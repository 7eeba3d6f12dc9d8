import Foundation
import GatewayConfig
import Testing

/// The API over TLS with a self-signed certificate that `openssl` makes for the test.
@Suite(.serialized)
struct TLSTests {
    @Test func servesTheAPIOverTLSWithTheConfiguredCertificate() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("headend-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                             "-days", "1", "-subj", "/CN=127.0.0.1"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0, "openssl could not make a certificate")

        let api = try await APIFixture.start(tls: APISettings.TLSFiles(certificate: certificate, key: key))
        defer { Task { await api.stop() } }
        #expect(api.baseURL.hasPrefix("https://"))
        #expect(try await api.get("/health", role: nil).status == 200)
        #expect(try await api.get("/api/v1/meters").json["meters"] != nil)
    }
}
