import Foundation
import Logging
import MeterKit
import ServiceLifecycle
import Store

/// Prunes the store every hour (gateway time): rows older than the retention period that
/// every destination has taken (`MeterStore.prune` honours the delivery cursors).
struct RetentionTask: Sendable {
    let store: MeterStore
    let clock: ServiceClock
    let days: Int
    let logger: Logger

    func run() async {
        let hourly = ReadSchedule(everySeconds: 3600)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let due = hourly.boundary(after: clock.now())
            do {
                let clock = self.clock
                try await cancelWhenGracefulShutdown { try await clock.sleep(until: due) }
            } catch {
                return
            }
            let cutoff = due.addingTimeInterval(-Double(days) * 86_400)
            do {
                let removed = try store.prune(before: cutoff)
                if removed > 0 { logger.info("retention: pruned \(removed) rows older than \(cutoff.formatted(.iso8601))") }
            } catch {
                logger.error("retention: \(error)")
            }
        }
    }
}
