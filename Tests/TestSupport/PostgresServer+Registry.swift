import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension PostgresServer {
    /// Every server this process started, the shared one, and what stops them all when the
    /// process ends: an `atexit` handler for a normal exit, and per server a watchdog shell
    /// in its own session for any other end (SIGKILL, a crash), which polls our pid each
    /// second and then sends the postmaster SIGQUIT (immediate shutdown) and removes the
    /// directory. The watchdog reads the pid file at that moment, so it survives restarts.
    final class Registry: @unchecked Sendable {
        // @unchecked: every mutable property is only touched under `lock`.
        static let instance = Registry()
        private let lock = NSLock()
        private var servers: [ObjectIdentifier: PostgresServer] = [:]
        private var watchdogs: [ObjectIdentifier: ChildProcess] = [:]
        private var sharedStart: Task<PostgresServer, any Error>?
        private var exitHandlerInstalled = false

        func shared() async throws -> PostgresServer {
            let start = lock.withLock {
                if let sharedStart { return sharedStart }
                let task = Task { try await ProcessRunner.offPool { try PostgresServer.make() } }
                sharedStart = task
                return task
            }
            return try await start.value
        }

        func register(_ server: PostgresServer) {
            lock.withLock {
                servers[ObjectIdentifier(server)] = server
                if !exitHandlerInstalled {
                    exitHandlerInstalled = true
                    atexit { PostgresServer.Registry.instance.stopAll() }
                }
            }
        }

        func unregister(_ server: PostgresServer) {
            _ = lock.withLock { servers.removeValue(forKey: ObjectIdentifier(server)) }
        }

        /// Starts the server's watchdog unless it has one.
        func watch(_ server: PostgresServer) {
            lock.withLock {
                let key = ObjectIdentifier(server)
                guard watchdogs[key] == nil else { return }
                let script = """
                    while kill -0 "$1" 2>/dev/null; do sleep 1; done
                    pid=$(head -n 1 "$2/postmaster.pid" 2>/dev/null) && kill -QUIT "$pid" 2>/dev/null
                    sleep 2
                    rm -rf "$3"
                    """
                let shell = ["/bin/sh", "-c", script, "metergate-pg-watchdog", "\(getpid())", server.dataDirectory, server.directory]
                // setsid: a Ctrl-C or a timeout that signals our process group must not take it along.
                let hasSetsid = FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid")
                watchdogs[key] = try? ChildProcess(hasSetsid ? "/usr/bin/setsid" : shell[0], hasSetsid ? shell : Array(shell.dropFirst()))
            }
        }

        /// The exit handler: every server killed, its directory removed, its watchdog ended.
        func stopAll() {
            let (all, dogs) = lock.withLock {
                defer { servers = [:]; watchdogs = [:] }
                return (Array(servers.values), Array(watchdogs.values))
            }
            for server in all { server.killAndRemove() }
            for dog in dogs { dog.terminate(grace: 0.2) }
        }
    }
}
