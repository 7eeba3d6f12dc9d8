import Foundation

/// A dedicated OS thread that owns one bus and runs its jobs one at a time, in order.
///
/// libmodbus calls block for up to a response timeout. Running them on Swift's cooperative
/// pool would stall unrelated tasks (the pool has one thread per core), so every bus gets
/// its own thread and async callers hand it work through `submit`. Serial execution is also
/// what an RS-485 line needs: one master transaction at a time.
final class BusOwnerThread<State>: @unchecked Sendable {
    // @unchecked: `jobs` and `stopping` are only touched under `condition`; `State` is
    // created and used exclusively on the owner thread.
    typealias Job = @Sendable (State) -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var stopping = false
    private var finished = false

    init(name: String, makeState: @escaping @Sendable () -> State) {
        let thread = Thread { [self] in self.loop(state: makeState()) }
        thread.name = name
        thread.start()
    }

    /// Queues a job; false when the thread is stopping and the job will never run.
    func submit(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Runs the jobs already queued, then ends the thread (releasing its state) and waits for it.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func loop(state: State) {
        var state: State? = state
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                state = nil  // release the connection on the thread that owns it
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            if let state { job(state) }
        }
    }
}
