import ArgumentParser
import Foundation
import MeterKit
import MeterSim

/// What the meters are: load, clocks, simulated time, installation and faults.
struct FleetOptions: ParsableArguments {
    @Option(help: "Seed for loads, clocks, serial numbers and faults; the same seed and simulated time give the same registers.")
    var seed: UInt64 = 1
    @Option(help: "Simulated start instant, UTC (e.g. 2026-01-05T00:00:00Z); default: now.")
    var start: String?
    @Option(name: .customLong("speed"), help: "Simulated seconds per wall second (96 runs one day in 15 minutes); default 1.")
    var speedOption: Double?
    var speed: Double { speedOption ?? 1 }
    @Option(name: .customLong("time-base"), help: "Write the time base (start, wall origin, speed) as JSON to this file for other processes.")
    var timeBaseFile: String?
    @Option(name: .customLong("join-time-base"), help: "Run on the time base another meter-sim wrote with --time-base, so several simulators keep one simulated clock; --start and --speed must then agree with it or be left out.")
    var joinTimeBaseFile: String?
    @Option(help: "Load class of every meter: residential, commercial, industrial, or mix (a utility's typical mix).")
    var load: String = "mix"
    @Option(help: "Meter clocks drift uniformly within +/- this many ppm.")
    var driftPpm: Double = 20
    @Option(help: "Meter clocks start within +/- this many seconds of true time.")
    var clockOffset: Double = 5
    @Option(help: "Probability that a request gets no reply (a timeout at the master).")
    var timeoutRate: Double = 0
    @Option(help: "Probability that a request gets exception 04 or 06.")
    var exceptionRate: Double = 0
    @Option(help: "Probability that an RTU reply has a corrupted CRC.")
    var crcRate: Double = 0
    @Option(help: "Probability that a reply is slow.")
    var slowRate: Double = 0
    @Option(help: "Delay of a slow reply in milliseconds.")
    var slowMs: Int = 500
    @Option(help: "Power outage: UNITS@START/DURATION, e.g. 3-5@2026-01-05T10:00:00Z/2h (repeatable).")
    var outage: [String] = []
    @Option(help: "Energy register reset: UNITS@INSTANT, e.g. 7@2026-01-06T12:00:00Z (repeatable).")
    var reset: [String] = []
    @Option(name: .customLong("ct-ratio"), help: "Current-transformer ratio installed at every meter, and programmed unless a ct-ratio fault says otherwise; reported on ct.ratio.")
    var ctRatio: Double = 1
    @Option(help: ArgumentHelp(
        "Wiring or setup fault on some meters, UNITS:KIND=VALUE (repeatable). KIND=VALUE is reversed-ct=PHASE (that phase's power and power factor read negative), missing-phase=PHASE (0 V, 0 A, 0 W there; energy misses it), ct-ratio=N (the meter is programmed with N instead of --ct-ratio: values scale by N / --ct-ratio), clock-offset=SECONDS (signed, e.g. +90: the clock is this far off at --start), clock-drift=PPM (signed). PHASE is 1-3.",
        valueName: "units:kind=value"))
    var fault: [String] = []

    /// A simulator started a moment after another would otherwise run that moment (times the
    /// speed) behind it: at x1440 a tenth of a second is 2.4 simulated minutes of clock error.
    func timeBase() throws -> TimeBase {
        if let path = joinTimeBaseFile { return try joinedTimeBase(path) }
        guard speed > 0, speed <= 100_000 else { throw MeterSimError("--speed \(speed) must be in (0, 100000]") }
        let wall = SystemClock().now()
        let begin = try start.map { try instant($0, option: "--start") } ?? Date(timeIntervalSince1970: wall.timeIntervalSince1970.rounded(.down))
        return TimeBase(start: begin, wallOrigin: wall, speed: speed)
    }

    private func joinedTimeBase(_ path: String) throws -> TimeBase {
        guard timeBaseFile == nil else { throw MeterSimError("--join-time-base and --time-base exclude each other: one simulator writes the time base, the others join it") }
        let base: TimeBase
        do { base = try TimeBase.decode(Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw MeterSimError("--join-time-base \(path): not a time base written by meter-sim --time-base (\(error.localizedDescription))")
        }
        if let start, try instant(start, option: "--start") != base.start {
            throw MeterSimError("--start \(start) disagrees with the joined time base \(path), which starts at \(ISO8601DateFormatter.utc.string(from: base.start))")
        }
        if let speedOption, speedOption != base.speed {
            throw MeterSimError("--speed \(speedOption) disagrees with the joined time base \(path), which runs at x\(base.speed)")
        }
        return base
    }

    func faultPlan() throws -> FaultPlan {
        var outages: [MeterAddress: [Range<Date>]] = [:]
        for spec in outage {
            let (units, rest) = try split(spec, option: "--outage")
            let parts = rest.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let seconds = Self.seconds(parts[1]), seconds > 0 else {
                throw MeterSimError("--outage '\(spec)' must be UNITS@START/DURATION with a duration like 90s, 30m, 2h or 1d")
            }
            let from = try instant(parts[0], option: "--outage")
            for unit in units { outages[MeterAddress(unit: unit), default: []].append(from..<(from + seconds)) }
        }
        var resets: [MeterAddress: [Date]] = [:]
        for spec in reset {
            let (units, rest) = try split(spec, option: "--reset")
            let at = try instant(rest, option: "--reset")
            for unit in units { resets[MeterAddress(unit: unit), default: []].append(at) }
        }
        do {
            return try FaultPlan(seed: seed, timeoutProbability: timeoutRate, exceptionProbability: exceptionRate,
                                 corruptCRCProbability: crcRate, slowProbability: slowRate, slowDelay: .milliseconds(slowMs),
                                 outages: outages, registerResets: resets)
        } catch {
            throw MeterSimError("fault options: \(error)")
        }
    }

    /// The meters, one per unit of `profiles`: each measures the phases of the profile it
    /// serves, has the `--ct-ratio` CT, and suffers the `--fault`s that name it.
    func fleet(profiles: [UInt8: DeviceProfile], faults: FaultPlan, start: Date) throws -> MeterFleet {
        var configurations = MeterFleet.configurations(
            seed: seed, addresses: profiles.keys.map { MeterAddress(unit: $0) }, classMix: classMix(),
            clockAnchor: start, maxDriftPPM: driftPpm, maxInitialOffset: clockOffset, faults: faults)
        for index in configurations.indices {
            configurations[index].phases = profiles[configurations[index].address.unit]?.phases ?? 3
            configurations[index].ctRatio = ctRatio
        }
        try SetupFault.apply(try fault.map(SetupFault.init(parsing:)), to: &configurations)
        return MeterFleet(seed: seed, configurations: configurations, faults: faults)
    }

    func validate() throws {
        _ = try classMixOrThrow()
        for (name, p) in [("--timeout-rate", timeoutRate), ("--exception-rate", exceptionRate), ("--crc-rate", crcRate), ("--slow-rate", slowRate)] {
            guard (0...1).contains(p) else { throw ValidationError("\(name) \(p) must be a probability between 0 and 1") }
        }
        guard ctRatio.isFinite, ctRatio > 0, ctRatio <= 1_000_000 else {
            throw ValidationError("--ct-ratio \(ctRatio) must be a ratio above 0 and at most 1000000")
        }
        for spec in fault {
            do { _ = try SetupFault(parsing: spec) } catch { throw ValidationError(error.description) }
        }
    }

    private func classMix() -> MeterFleet.ClassMix { (try? classMixOrThrow()) ?? .typical }

    private func classMixOrThrow() throws -> MeterFleet.ClassMix {
        switch load {
        case "mix": .typical
        case "residential": .init(residential: 1, commercial: 0, industrial: 0)
        case "commercial": .init(residential: 0, commercial: 1, industrial: 0)
        case "industrial": .init(residential: 0, commercial: 0, industrial: 1)
        default: throw ValidationError("--load '\(load)' must be residential, commercial, industrial or mix")
        }
    }

    private func split(_ spec: String, option: String) throws -> ([UInt8], String) {
        let parts = spec.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw MeterSimError("\(option) '\(spec)' must be UNITS@...") }
        return (try UnitSelection(parsing: parts[0]).units, parts[1])
    }

    private func instant(_ text: String, option: String) throws -> Date {
        guard let date = ISO8601DateFormatter.utc.date(from: text) else {
            throw MeterSimError("\(option): '\(text)' is not a UTC instant like 2026-01-05T00:00:00Z")
        }
        return date
    }

    /// `90s`, `30m`, `2h`, `1d` in seconds.
    static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let n = Double(text.dropLast()) else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        default: return nil
        }
    }
}
