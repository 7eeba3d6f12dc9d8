import Foundation
import GatewayConfig
import Testing
import TestSupport

/// The `billing` and `destinations` sections: what they accept and the one-line errors.
@Suite("Gateway configuration: billing and destinations")
struct ForwardingConfigTests {
    static let meter = "  - { id: m1, bus: tcp-a, unit: 1, profile: sdm630, metadata: { tariff: hv-tou } }\n"

    @Test func destinationsAndBillingReadBackAsWritten() throws {
        let configuration = try parse(withMeters(Self.meter) + """
            billing: { cycle_day: 17, close_after: 2h }
            destinations:
              - { id: warehouse, kind: postgres, data: intervals, url: "postgres://metergate@127.0.0.1:5432/research" }
              - { id: billing, kind: http, data: billing, url: "https://billing.example/api", timeout: 5s, batch: 20,
                  headers: { Authorization: "Bearer t" }, min_backoff: 2s, max_backoff: 1h }
              - { id: drops, kind: file, data: intervals, directory: out/espi, format: espi }
              - { id: billing-csv, kind: file, data: billing, directory: out/billing, format: csv }
            """)
        #expect(configuration.billing.cycleDay == 17 && configuration.billing.closeAfterSeconds == 7200)
        #expect(configuration.billing.tariffsDirectory == Repository.root.appendingPathComponent("tariffs").path)
        #expect(configuration.tariffs["hv-tou"]?.bands.map(\.self).count == 3)
        #expect(configuration.destinations.map(\.id) == ["warehouse", "billing", "drops", "billing-csv"])
        #expect(configuration.destinations.map(\.batchSize) == [5000, 20, 10_000, 10_000])
        #expect(configuration.destinations[1].transport == .http(.init(url: "https://billing.example/api", timeoutSeconds: 5,
                                                                         headers: ["Authorization": "Bearer t"])))
        #expect(configuration.destinations[1].minBackoffSeconds == 2 && configuration.destinations[1].maxBackoffSeconds == 3600)
        #expect(configuration.destinations[2].transport == .file(directory: Repository.root.appendingPathComponent("out/espi").path, format: .espi))
        // Billing as a CSV file drop (long format, docs/formats.md).
        #expect(configuration.destinations[3].payload == .billing)
        #expect(configuration.destinations[3].transport == .file(directory: Repository.root.appendingPathComponent("out/billing").path, format: .csv))
    }

    @Test("a destination that cannot work is refused at its line", arguments: [
        ("  - { id: w, kind: postgres, data: billing, url: \"postgres://a@127.0.0.1/b\" }",
         "gateway.yaml:11: destinations.0.data: a postgres destination (the warehouse) takes intervals, not billing"),
        ("  - { id: w, kind: kafka, data: billing }",
         "gateway.yaml:11: destinations.0.kind: unknown kind 'kafka'; expected one of postgres, http, file"),
        ("  - { id: f, kind: file, data: billing, directory: out, format: espi }",
         "gateway.yaml:11: destinations.0.format: format espi cannot carry billing"),
        ("  - { id: h, kind: http, data: billing, url: \"ftp://x\" }",
         "gateway.yaml:11: destinations.0.url: expected an http:// or https:// URL, got 'ftp://x'"),
        ("  - { id: h, kind: http, data: billing, url: \"http://x\", directory: out }",
         "gateway.yaml:11: destinations.0.directory: directory does not apply to an http destination"),
        ("  - { id: h, kind: http, data: billing, url: \"http://x\" }\n  - { id: h, kind: file, data: billing, directory: o, format: jsonl }",
         "gateway.yaml:12: destinations.1.id: destination id 'h' is used twice (first on line 11)"),
        ("  - { id: h, kind: http, data: billing, url: \"http://x\", min_backoff: 1h, max_backoff: 1m }",
         "gateway.yaml:11: destinations.0.max_backoff: max_backoff is shorter than min_backoff"),
    ])
    func badDestinations(entry: String, expected: String) {
        #expect(parseError(withMeters(Self.meter) + "destinations:\n" + entry + "\n") == expected)
    }

    @Test func aMeterNamingAnUnknownTariffIsRefusedAtItsTariffKey() {
        #expect(parseError(withMeters("  - { id: m1, bus: tcp-a, unit: 1, profile: sdm630, metadata: { tariff: hv-tuo } }\n"))
            == "gateway.yaml:9: meters.0.metadata.tariff: unknown tariff 'hv-tuo' (did you mean hv-tou?); available: "
            + "block-flat, four-part-tou, holiday-hv-a, hv-tou, residential-tou, tod-a, tod-b, two-part-tou")
    }

    @Test func aCycleDayPastThe28thIsRefused() {
        #expect(parseError(withMeters(Self.meter) + "billing: { cycle_day: 31 }\n")
            == "gateway.yaml:10: billing.cycle_day: cycle_day 31 is outside 1...28")
    }
}
