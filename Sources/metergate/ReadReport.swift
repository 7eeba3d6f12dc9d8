import Foundation
import MeterAccess
import MeterKit

/// What `metergate read` prints for a profile read: a table for people, JSON for scripts.
struct ReadReport {
    var endpoint: String
    var unit: Int
    var profile: String
    var identity: MeterIdentity
    var readings: [PointReading]

    func table() -> String {
        let who = [identity.manufacturer, identity.model].compactMap { $0 }.joined(separator: " ")
        var lines = ["unit \(unit) at \(endpoint), profile \(profile): \(who.isEmpty ? "unidentified" : who)"
            + (identity.serial.map { ", serial \($0)" } ?? "") + (identity.firmware.map { ", firmware \($0)" } ?? "")]
        let width = max(5, readings.map(\.name.rawValue.count).max() ?? 0)
        lines.append("point".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + "value".leftPadded(14) + "  unit")
        for r in readings {
            let value: String = if let v = r.value { Self.format(v) } else if r.error != nil { "error" } else { "n/a" }
            var line = r.name.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value.leftPadded(14) + "  " + r.unit.rawValue
            if let e = r.error { line += "  (\(e))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        var points: [[String: Any]] = []
        for r in readings {
            var p: [String: Any] = ["name": r.name.rawValue, "unit": r.unit.rawValue, "value": r.value.map { $0 as Any } ?? NSNull()]
            if let e = r.error { p["error"] = e.description }
            points.append(p)
        }
        let identityObject: [String: Any] = [
            "manufacturer": identity.manufacturer ?? NSNull(), "model": identity.model ?? NSNull(),
            "serial": identity.serial ?? NSNull(), "firmware": identity.firmware ?? NSNull(),
        ]
        return JSONText.render(["endpoint": endpoint, "unit": unit, "profile": profile, "identity": identityObject, "points": points])
    }

    /// Enough digits for revenue energy (Wh resolution on kWh) without float noise.
    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }
}

/// What `metergate read --register` prints.
struct RawReport {
    var endpoint: String
    var unit: Int
    var location: RegisterLocation
    var value: RegisterValue?

    func render(json: Bool) -> String {
        let text: String? = switch value {
        case .text(let t)?: t
        case .some(let v): v.number.map(ReadReport.format)
        case nil: nil
        }
        let address = String(format: "0x%04X", Int(location.address))
        if json {
            return JSONText.render([
                "endpoint": endpoint, "unit": unit, "table": location.kind.rawValue, "address": Int(location.address),
                "type": location.type.name, "order": location.order.rawValue,
                "value": value.flatMap { v -> Any? in if case .text(let t) = v { t } else { v.number } } ?? NSNull(),
            ])
        }
        return "unit \(unit) \(location.kind.rawValue) \(address) \(location.type.name) \(location.order.rawValue) = \(text ?? "n/a (not implemented)")"
    }
}

enum JSONText {
    static func render(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
