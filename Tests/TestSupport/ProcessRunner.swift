import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The blocking plumbing under `PostgresServer`: running tools (as the `postgres` user when
/// we are root), handing a directory to that user, finding a free port, and moving blocking
/// work off Swift's cooperative pool.
enum ProcessRunner {
    static var isRoot: Bool { getuid() == 0 }

    /// Runs `body` on a thread of its own and resumes the caller with its result, so a
    /// child process's run time never occupies one of the pool's few threads.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> CommandResult {
        try ChildProcess.run(executable, arguments, timeout: timeout)
    }

    /// Runs a PostgreSQL server tool. initdb, pg_ctl and postgres refuse to run as root, so
    /// as root they run as the `postgres` system user (runuser, or setpriv where it is missing).
    static func runAsPostgres(_ executable: String, _ arguments: [String]) throws -> CommandResult {
        guard isRoot else { return try run(executable, arguments) }
        if FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") {
            return try run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
        }
        return try run("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", executable] + arguments)
    }

    /// As root, makes `path` belong to the `postgres` user, who runs the server.
    static func giveToPostgresUser(_ path: String) throws {
        guard isRoot else { return }
        guard let user = getpwnam("postgres") else {
            throw PostgresServer.ServerError(step: "chown", output: "no 'postgres' system user (the postgresql package creates it)")
        }
        guard chown(path, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
            throw PostgresServer.ServerError(step: "chown", output: "\(path): \(String(cString: strerror(errno)))")
        }
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now (bound to port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresServer.ServerError(step: "port", output: String(cString: strerror(errno))) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw PostgresServer.ServerError(step: "port", output: String(cString: strerror(errno))) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
