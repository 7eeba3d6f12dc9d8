import ArgumentParser
import Foundation
import MeterKit

/// The gateway's notion of now: the system clock, or a test rig's shared simulated time.
struct GatewayClockOptions: ParsableArguments {
    @Option(name: .customLong("time-base"), help: "Use the simulated time of this time-base file (written by meter-sim --time-base) instead of the system clock.")
    var timeBaseFile: String?

    func clock() throws -> any TimeSource {
        guard let path = timeBaseFile else { return SystemClock() }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw UsageFailure("--time-base \(path): cannot read the file (\(error.localizedDescription))")
        }
        do { return AcceleratedClock(timeBase: try TimeBase.decode(data)) } catch {
            throw UsageFailure("--time-base \(path): not a meter-sim time base (\(error))")
        }
    }
}
