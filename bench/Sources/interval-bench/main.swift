import Foundation

// `interval-bench`: the Swift side of the interval engine benchmark (`bench/intervals.sh`,
// docs/performance.md, "Intervals"). It prints one `key=value` line like
// `bench/raw_intervals.c`, so the script can put the two side by side.
//
//     interval-bench run   [--runs N] [--history gaps|all] [--meters M] [--seed S]
//         generates the fleet (untimed), then times IntervalEngine.intervals(in:of:history:)
//         for every series of the day, one untimed warm-up pass and N timed ones (default 7)
//     interval-bench write FILE [--meters M] [--seed S]
//         writes the same fleet's reads for bench/raw_intervals.c (format: ReadsFile.swift)
//
// The fleet (Fleet.swift) is METERS x 4 channels (default 1000 meters), one UTC day, and a
// function of the seed alone: both programs see identical reads. `--history all` hands every
// series 14 days of history, as the collector's IntervalTask does; the default `gaps` only the
// series with a read gap (the others get none, so validation skips its usage check for them).

let usage = "usage: interval-bench run [--runs N] [--history gaps|all] [--meters M] [--seed S] | write FILE [--meters M] [--seed S]"

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
}

/// The `--name value` options after the command, each at most once.
func options(_ arguments: ArraySlice<String>) -> [String: String] {
    var out: [String: String] = [:]
    var rest = arguments[...]
    while let name = rest.first {
        guard name.hasPrefix("--"), rest.count >= 2, out[name] == nil else { fail(usage, status: 2) }
        out[name] = rest[rest.startIndex + 1]
        rest = rest.dropFirst(2)
    }
    return out
}

func positive(_ text: String?, default value: Int) -> Int {
    guard let text else { return value }
    guard let number = Int(text), number > 0 else { fail(usage, status: 2) }
    return number
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "run":
    let given = options(arguments.dropFirst())
    guard Set(given.keys).isSubset(of: ["--runs", "--history", "--meters", "--seed"]) else { fail(usage, status: 2) }
    guard let history = Fleet.HistoryMode(rawValue: given["--history"] ?? "gaps") else { fail(usage, status: 2) }
    let fleet = Fleet(meters: positive(given["--meters"], default: 1000), seed: UInt64(positive(given["--seed"], default: 2026)),
                      history: history)
    print(EngineRun(fleet: fleet).run(times: positive(given["--runs"], default: 7)).line)
case "write":
    guard arguments.count >= 2 else { fail(usage, status: 2) }
    let given = options(arguments.dropFirst(2))
    guard Set(given.keys).isSubset(of: ["--meters", "--seed"]) else { fail(usage, status: 2) }
    let fleet = Fleet(meters: positive(given["--meters"], default: 1000), seed: UInt64(positive(given["--seed"], default: 2026)),
                      history: .gaps)
    do {
        print(try ReadsFile.write(fleet, to: arguments[1]))
    } catch {
        fail("interval-bench: \(arguments[1]): \(error)", status: 1)
    }
default:
    fail(usage, status: 2)
}
