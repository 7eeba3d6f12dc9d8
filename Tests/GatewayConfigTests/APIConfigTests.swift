import Foundation
import GatewayConfig
import Testing
import TestSupport

/// The `api` section: loopback by default, a public address only when said so, TLS files
/// that exist.
@Suite("Gateway configuration: api")
struct APIConfigTests {
    static let meter = "  - { id: m1, bus: tcp-a, unit: 1, profile: sdm630 }\n"

    @Test func withoutAnAPISectionTheAPIIsOff() throws {
        #expect(try parse(withMeters(Self.meter)).api == nil)
    }

    @Test func anEmptyAPISectionListensOnLoopbackPort8080AndFindsTheOpenAPIDocument() throws {
        let api = try #require(try parse(withMeters(Self.meter) + "api: {}\n").api)
        #expect(api.host == "127.0.0.1" && api.port == 8080 && api.tls == nil)
        #expect(api.openAPIDocument == Repository.root.appendingPathComponent("docs/openapi.yaml").path)
    }

    @Test func anIPv6LoopbackAddressIsReadWithoutBrackets() throws {
        let api = try #require(try parse(withMeters(Self.meter) + "api: { listen: \"[::1]:9000\" }\n").api)
        #expect(api.host == "::1" && api.port == 9000)
    }

    @Test func aPublicAddressNeedsPublicTrue() throws {
        #expect(parseError(withMeters(Self.meter) + "api: { listen: \"0.0.0.0:8080\" }\n")
            == "gateway.yaml:10: api.listen: 0.0.0.0 is not a loopback address; set public: true to serve the API beyond this machine")
        #expect(try parse(withMeters(Self.meter) + "api: { listen: \"0.0.0.0:8080\", public: true }\n").api?.host == "0.0.0.0")
    }

    @Test func aListenWithoutPortOrAMissingCertificateIsRefusedAtItsKey() {
        #expect(parseError(withMeters(Self.meter) + "api: { listen: localhost }\n")
            == "gateway.yaml:10: api.listen: 'localhost' is not host:port (for example 127.0.0.1:8080)")
        #expect(parseError(withMeters(Self.meter) + "api: { tls: { certificate: nowhere.pem, key: nowhere.key } }\n")?
            .hasPrefix("gateway.yaml:10: api.tls.certificate: no readable file ") == true)
    }
}
