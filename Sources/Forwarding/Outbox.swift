import Collector
import Foundation
import Logging
import ServiceLifecycle
import Store

/// Delivers one destination's rows in store order, at least once, from its cursor on.
///
/// Each round takes the batch in flight (or plans the next one and records its bounds
/// before sending), delivers it, and then moves the cursor in the store. A crash between
/// delivery and cursor means the same batch is sent again, which every destination absorbs
/// (its writes are keyed by the rows' identities): exactly-once effect. Failures back off
/// exponentially with jitter; a refused batch is halved until the refused rows are alone,
/// and those go to the dead-letter table so the rows after them are not held up.
public struct Outbox: Sendable {
    public let destination: any Destination
    public let table: StoreTable
    let store: MeterStore
    let clock: ServiceClock
    let gatewayID: String
    let batchSize: Int
    let backoff: Backoff
    /// How long to wait (gateway time) when there is nothing to send.
    let idleSeconds: Double
    let logger: Logger

    public init(destination: any Destination, table: StoreTable, store: MeterStore, clock: ServiceClock, gatewayID: String,
                batchSize: Int, backoff: Backoff, idleSeconds: Double, logger: Logger) {
        self.destination = destination
        self.table = table
        self.store = store
        self.clock = clock
        self.gatewayID = gatewayID
        self.batchSize = batchSize
        self.backoff = backoff
        self.idleSeconds = idleSeconds
        self.logger = logger
    }

    /// What one round did; `run` loops on it, tests step it.
    public enum Round: Sendable, Equatable {
        case idle
        case waiting(until: Date)
        case delivered(rows: Int)
        case failed(DeliveryError)
        case narrowed(to: ClosedRange<Int64>)
        case deadLettered(rows: Int)
    }

    /// Rounds until graceful shutdown or cancellation.
    public func run() async {
        do {
            _ = try store.openOutbox(destination: destination.id, table: table)
        } catch {
            logger.error("forwarding \(destination.id): \(error)")
            return
        }
        var names = NameCache()
        var limit = batchSize
        var prepared = false
        var prepareFailures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var wait: Date?
            if !prepared {
                do {
                    try await destination.prepare()
                    prepared = true
                } catch {
                    // Not ready (a warehouse down at start-up): the same back-off as a failed delivery.
                    prepareFailures += 1
                    logger.warning("forwarding \(destination.id): not ready: \(error)")
                    wait = clock.now().addingTimeInterval(backoff.delay(afterFailures: prepareFailures, random: Double.random(in: 0..<1)))
                }
            }
            if prepared {
                switch await round(limit: &limit, names: &names) {
                case .idle: wait = clock.now().addingTimeInterval(idleSeconds)
                case .waiting(let until): wait = until
                case .failed(let error):
                    logger.warning("forwarding \(destination.id): \(error)")
                    wait = nil
                case .delivered, .narrowed, .deadLettered: wait = nil
                }
            }
            if let wait {
                let clock = self.clock
                do { try await cancelWhenGracefulShutdown { try await clock.sleep(until: wait) } } catch { break }
            }
        }
        await destination.close()
    }

    /// One attempt at the batch in flight (or the next one). `limit` is the batch size to
    /// plan with: halved while a refused batch is narrowed down, reset after a success.
    func round(limit: inout Int, names: inout NameCache) async -> Round {
        do {
            let state = try store.planBatch(destination: destination.id, limit: limit)
            guard let positions = state.batch else { return .idle }
            let now = clock.now()
            if let next = state.nextAttemptAt, next > now { return .waiting(until: next) }
            let batch = try names.batch(of: table, positions: positions, gatewayID: gatewayID, destination: destination.id, store: store)
            let outcome: DeliveryError?
            do {
                try await destination.deliver(batch)
                outcome = nil
            } catch {
                outcome = error
            }
            switch outcome {
            case nil:
                try store.completeBatch(destination: destination.id, rows: batch.count, at: clock.now())
                limit = batchSize
                return .delivered(rows: batch.count)
            case .unavailable(let reason):
                let delay = backoff.delay(afterFailures: state.consecutiveFailures + 1, random: Double.random(in: 0..<1))
                try store.recordFailure(destination: destination.id, error: reason, nextAttemptAt: now.addingTimeInterval(delay))
                return .failed(.unavailable(reason))
            case .rejected(let reason):
                let seqs = batch.seqs
                if seqs.count > 1 {
                    let half = seqs[seqs.count / 2 - 1]
                    try store.shrinkBatch(destination: destination.id, through: half)
                    limit = seqs.count / 2
                    return .narrowed(to: positions.lowerBound...half)
                }
                logger.error("forwarding \(destination.id): dead-lettered \(batch.count) rows \(positions): \(reason)")
                try store.deadLetterBatch(destination: destination.id, rows: batch.count, reason: reason,
                                          payload: BatchJSON.lines(batch), at: clock.now())
                return .deadLettered(rows: batch.count)
            }
        } catch {
            return .failed(.unavailable("store: \(error)"))
        }
    }
}
