import Billing
import Foundation
import Testing

@Suite struct DeterminantsJSONTests {
    @Test func jsonRoundTripsWithTheDocumentedSnakeCaseKeysAndUTCInstants() throws {
        var determinants = try HandComputedMonth.determinants(try Repository.tariff("hv-tou"))
        determinants.version = 2
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // A date strategy set by the caller must not change the instants' spelling.
        encoder.dateEncodingStrategy = .secondsSince1970
        let data = try encoder.encode(determinants)
        #expect(try JSONDecoder().decode(BillingDeterminants.self, from: data) == determinants)

        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "version", "meter_id", "tariff_id", "cycle_start", "cycle_end", "cycle_first_day", "cycle_last_day",
            "interval_seconds", "start_read", "end_read", "total_energy_wh", "energy_by_band", "energy_by_block",
            "demand_window_minutes", "demand_method", "max_demand", "max_demand_by_band", "load_factor",
            "intervals_expected", "intervals_present", "intervals_estimated", "intervals_missing", "estimated_interval_starts",
        ])
        #expect(object["version"] as? Int == 2)
        #expect(object["cycle_start"] as? String == "2025-08-31T15:00:00Z")
        #expect(object["cycle_end"] as? String == "2025-09-30T15:00:00Z")
        #expect(object["demand_method"] as? String == "block")
        let peak = try #require(object["max_demand"] as? [String: Any])
        #expect(peak["demand_w"] as? Double == 3600)
        #expect(peak["window_start"] as? String == "2025-09-09T17:00:00Z")
        let read = try #require(object["start_read"] as? [String: Any])
        #expect(Set(read.keys) == ["value_wh", "read_at"])
        #expect(read["read_at"] as? String == "2025-08-31T15:00:30Z")
        let bands = try #require(object["max_demand_by_band"] as? [[String: Any]])
        #expect(bands.map { $0["band"] as? String } == ["peak", "daytime", "night"])
        let energy = try #require(object["energy_by_band"] as? [[String: Any]])
        #expect(Set(energy[0].keys) == ["band", "energy_wh"])
    }

    @Test func versionDefaultsToOneWhenAbsent() throws {
        let determinants = try HandComputedMonth.determinants(try Repository.tariff("hv-tou"))
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(determinants)) as? [String: Any])
        object["version"] = nil
        let decoded = try JSONDecoder().decode(BillingDeterminants.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded.version == 1)
        #expect(decoded == determinants)
    }
}
