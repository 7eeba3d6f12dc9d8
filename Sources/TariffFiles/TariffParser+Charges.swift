import Billing
import YAMLSupport

extension TariffParser {
    static func parseBlocks(_ field: YAMLField, bands: [String]) throws(SourceError) -> EnergyBlocks {
        let entry = try field.mapping(allowed: ["band", "kwh"])
        var band: String?
        if let bandField = entry["band"] {
            let name = try bandField.string()
            guard bands.contains(name) else {
                throw bandField.fail("unknown band '\(name)'\(Suggestions.hint(for: name, in: bands)); the bands are \(bands.joined(separator: ", "))")
            }
            band = name
        }
        let boundsField = try entry.required("kwh")
        var bounds: [Double] = []
        for item in try boundsField.sequence() {
            let value = try item.double()
            guard value > 0, bounds.last.map({ value > $0 }) ?? true else {
                throw item.fail("block bounds must be positive and increasing, got \(item.kindDescription)")
            }
            bounds.append(value)
        }
        guard !bounds.isEmpty else { throw boundsField.fail("give at least one upper bound in kWh") }
        return EnergyBlocks(band: band, upperBoundsKWh: bounds)
    }

    static func parseDemand(_ field: YAMLField) throws(SourceError) -> DemandRule {
        let entry = try field.mapping(allowed: ["window", "method"])
        let windowField = try entry.required("window")
        let window = try windowField.integer(in: 1...1440, what: "window")
        guard DemandRule.allowedWindows.contains(window) else {
            throw windowField.fail("demand window \(window) is not one of 15, 30, 60 (minutes)")
        }
        var method = DemandRule.Method.block
        if let methodField = entry["method"] {
            let text = try methodField.string()
            guard let parsed = DemandRule.Method(rawValue: text) else {
                throw methodField.fail("unknown method '\(text)'\(Suggestions.hint(for: text, in: ["block", "rolling"])); expected block or rolling")
            }
            method = parsed
        }
        return DemandRule(windowMinutes: window, method: method)
    }

    static func parseRates(_ items: [YAMLField]) throws(SourceError) -> [Rate] {
        var rates: [Rate] = []
        for item in items {
            let entry = try item.mapping(allowed: ["charge", "price", "unit", "season", "band", "block", "note"])
            let chargeField = try entry.required("charge")
            let text = try chargeField.string()
            guard let charge = Rate.Charge(rawValue: text) else {
                let names = Rate.Charge.allCases.map(\.rawValue)
                throw chargeField.fail("unknown charge '\(text)'\(Suggestions.hint(for: text, in: names)); expected one of \(names.joined(separator: ", "))")
            }
            rates.append(Rate(charge: charge, price: try entry.required("price").double(), unit: try entry.required("unit").name(),
                              season: try entry["season"]?.name(), band: try entry["band"]?.name(),
                              block: try entry["block"]?.integer(in: 1...100, what: "block"), note: try entry["note"]?.name()))
        }
        return rates
    }
}
