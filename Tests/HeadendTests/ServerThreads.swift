import Foundation
import Synchronization

/// A task executor with threads of its own, for the test server. Other suites in the same
/// test process block the cooperative pool (sync tests that sleep for minutes while a
/// gateway runs), and on a 2-core machine that pool has two threads: a server on it would
/// stall until they finish, and its clients' deadlines would expire. The server's tasks
/// prefer this executor (`Task(executorPreference:)`), so it answers whatever else runs.
final class ServerThreads: TaskExecutor, Sendable {
    private let state = Mutex<(jobs: [UnownedJob], stopped: Bool)>(([], false))
    private let available = DispatchSemaphore(value: 0)

    init(count: Int = 4) {
        for index in 0..<count {
            let thread = Thread { [self] in work() }
            thread.name = "headend-test-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        state.withLock { $0.jobs.append(job) }
        available.signal()
    }

    /// Lets the threads end once the queue is empty (they hold no reference cycle: each
    /// thread's closure ends when it returns).
    func stop(threads count: Int = 4) {
        state.withLock { $0.stopped = true }
        for _ in 0..<count { available.signal() }
    }

    private func work() {
        while true {
            available.wait()
            let next: UnownedJob?? = state.withLock { state in
                if !state.jobs.isEmpty { return .some(state.jobs.removeFirst()) }
                return state.stopped ? .some(nil) : .none
            }
            switch next {
            case .some(.some(let job)): job.runSynchronously(on: asUnownedTaskExecutor())
            case .some(.none): return
            case .none: continue
            }
        }
    }
}
