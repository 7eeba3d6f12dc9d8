import Modbus
import YAMLSupport

/// The `buses` section: endpoints, client options and offline handling, one entry per line
/// the gateway owns.
extension ConfigParser {
    static let busKeys = ["id", "tcp", "rtu", "timeout", "retries", "unit_switch_pause", "offline_after", "max_backoff"]
    static let rtuKeys = ["device", "baud", "parity", "data_bits", "stop_bits"]

    mutating func parseBuses(_ field: YAMLField) throws(SourceError) -> [BusConfiguration] {
        let items = try field.sequence()
        guard !items.isEmpty else { throw field.fail("list at least one bus") }
        var buses: [BusConfiguration] = []
        // One poller owns each line, so two buses on one endpoint would fight over it.
        var endpoints: [String: (bus: String, line: Int?)] = [:]
        for item in items {
            let entry = try item.mapping(allowed: Self.busKeys)
            let idField = try entry.required("id")
            let id = try identifier(idField)
            if let first = busLines[id] { throw idField.fail("duplicate bus id '\(id)'\(Self.note("first on line", first))") }
            let (endpoint, endpointField) = try parseEndpoint(entry)
            let endpointKey: String
            switch endpoint {
            case .tcp(let host, let port): endpointKey = "tcp \(host.lowercased()):\(port)"
            case .rtu(let serial): endpointKey = "rtu device \(serial.device)"
            }
            if let other = endpoints[endpointKey] {
                throw endpointField.fail("\(endpointKey) is already bus \(other.bus)\(Self.note("line", other.line)); one poller owns each line")
            }
            var options = ModbusClientOptions()
            if let timeout = entry["timeout"] { options.responseTimeout = try timeout.duration(in: .milliseconds(1) ... .seconds(60)) }
            if let retries = entry["retries"] { options.retries = try retries.integer(in: 0...10, what: "retries") }
            if let pause = entry["unit_switch_pause"] {
                guard case .rtu = endpoint else {
                    throw pause.fail("unit_switch_pause only applies to rtu buses: it is a pause on an RS-485 line")
                }
                options.unitSwitchPause = try pause.duration(in: .zero ... .seconds(1))
            }
            let offlineAfter = try entry["offline_after"]?.integer(in: 1...100, what: "offline_after") ?? 2
            let maxBackoff = try entry["max_backoff"]?.seconds(in: 1...86_400) ?? 3600
            busLines[id] = item.line
            busIDs.append(id)
            endpoints[endpointKey] = (id, item.line)
            buses.append(BusConfiguration(id: id, endpoint: endpoint, options: options, offlineAfter: offlineAfter,
                                          maxBackoffSeconds: maxBackoff))
        }
        return buses
    }

    /// The endpoint and the field it came from (for messages about clashes).
    private func parseEndpoint(_ entry: YAMLMapping) throws(SourceError) -> (ModbusEndpoint, YAMLField) {
        switch (entry["tcp"], entry["rtu"]) {
        case (let tcp?, nil):
            let text = try tcp.name()
            guard let endpoint = ModbusEndpoint.tcp(parsing: text) else {
                throw tcp.fail("'\(text)' is not HOST:PORT (port 1-65535, default 502; IPv6 as [::1]:502)")
            }
            return (endpoint, tcp)
        case (nil, let rtu?):
            return (.rtu(try parseSerial(rtu)), rtu)
        case (_?, let rtu?):
            throw rtu.fail("give either tcp or rtu, not both")
        case (nil, nil):
            throw entry.owner.fail("a bus needs tcp: HOST:PORT or rtu: { device: ... }")
        }
    }

    /// Serial settings, checked by `SerialSettings.validated`; its message names command-line
    /// options, so it is reworded to the keys and pinned to the offending one.
    private func parseSerial(_ field: YAMLField) throws(SourceError) -> SerialSettings {
        let entry = try field.mapping(allowed: Self.rtuKeys)
        let device = try entry.required("device").name()
        // Wide ranges here: `validated` says what is acceptable.
        let baud = try entry["baud"]?.integer(in: 0...Int(Int32.max), what: "baud") ?? 9600
        let parity = try entry["parity"]?.name() ?? "E"
        let dataBits = try entry["data_bits"]?.integer(in: 0...64, what: "data_bits") ?? 8
        let stopBits = try entry["stop_bits"]?.integer(in: 0...64, what: "stop_bits") ?? 1
        do {
            return try SerialSettings.validated(device: device, baud: baud, parity: parity, dataBits: dataBits, stopBits: stopBits)
        } catch {
            let text = error.description
            let key = text.hasPrefix("--parity") ? "parity"
                : text.hasPrefix("--baud") ? "baud"
                : (7...8).contains(dataBits) ? "stop_bits" : "data_bits"
            let message = text
                .replacingOccurrences(of: "--parity", with: "parity")
                .replacingOccurrences(of: "--baud", with: "baud")
                .replacingOccurrences(of: "--data-bits", with: "data_bits")
                .replacingOccurrences(of: "--stop-bits", with: "stop_bits")
            throw (entry[key] ?? field).fail(message)
        }
    }
}
