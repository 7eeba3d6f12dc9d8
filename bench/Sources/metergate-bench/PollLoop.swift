import Modbus

/// What a run achieved.
struct PollResult: Sendable {
    var polls = 0
    var errors = 0
    var elapsed: Duration = .zero

    var rate: Double { Double(polls) / (elapsed / .seconds(1)) }
}

/// Polls the plan's units in turn through a `ModbusClient` until the time is up.
///
/// Like `raw_poll.c`, the connection is opened (one untimed read) before the clock starts,
/// the deadline is checked between polls, and a failed read counts as an error, not a poll.
/// `nonisolated` and free of actors on purpose: the loop runs on the cooperative pool, as a
/// poller task would, so every `await` pays the real hop from the pool to the bus thread
/// and back (not a hop to the main thread, which a poller never uses).
struct PollLoop: Sendable {
    let plan: BenchPlan
    let client: ModbusClient
    private let clock = ContinuousClock()

    init(plan: BenchPlan) {
        self.plan = plan
        client = ModbusClient(endpoint: plan.endpoint, options: plan.options)
    }

    nonisolated func run() async throws(ModbusError) -> PollResult {
        defer { client.shutdown() }
        _ = try await client.read(.input, unit: plan.units.lowerBound, address: plan.address, count: plan.count)
        let start = clock.now
        let deadline = start + .milliseconds(Int64(plan.seconds * 1000))
        var result = PollResult()
        var unit = plan.units.lowerBound
        while clock.now < deadline {
            switch plan.api {
            case .async:
                do {
                    _ = try await client.read(.input, unit: unit, address: plan.address, count: plan.count)
                    result.polls += 1
                } catch {
                    result.errors += 1
                }
            case .batch:
                let cycle = try await meterCycle(unit: unit)
                result.polls += cycle.polls
                result.errors += cycle.errors
            case .hop:
                result.polls += try await client.perform { _ in 1 }
            }
            unit = unit == plan.units.upperBound ? plan.units.lowerBound : unit + 1
        }
        result.elapsed = clock.now - start
        return result
    }

    /// `plan.batch` reads of one meter in one `perform`: how a poller reads a meter's
    /// several register blocks for the price of a single hop.
    private func meterCycle(unit: UInt8) async throws(ModbusError) -> PollResult {
        let (batch, address, count) = (plan.batch, plan.address, plan.count)
        return try await client.perform { session in
            var cycle = PollResult()
            for _ in 0..<batch {
                do {
                    _ = try session.read(.input, unit: unit, address: address, count: count)
                    cycle.polls += 1
                } catch {
                    cycle.errors += 1
                }
            }
            return cycle
        }
    }
}
