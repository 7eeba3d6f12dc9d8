import AsyncHTTPClient
import Foundation
import NIOCore

/// Closed-loop HTTP load: `connections` clients each send the same GET back to back for a
/// while; every response must be 200 with a body, or the run fails.
struct HTTPLoad: Sendable {
    let client: HTTPClient
    let url: String
    let token: String

    func request() -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        return request
    }

    /// How many intervals one response holds (the run is checked against it).
    func intervalsInOneResponse() async throws -> Int {
        let response = try await client.execute(request(), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        guard response.status == .ok else { throw BenchError("GET \(url): \(response.status) \(String(buffer: body))") }
        let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        return (object?["intervals"] as? [Any])?.count ?? 0
    }

    /// Requests a second over `seconds`.
    func run(seconds: Double, connections: Int) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .milliseconds(Int64(seconds * 1000))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var done = 0
                    while clock.now < end {
                        let response = try await client.execute(request(), timeout: .seconds(30))
                        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
                        guard response.status == .ok, body.readableBytes > 0 else { throw BenchError("GET \(url): \(response.status)") }
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(total) / ((clock.now - start) / .seconds(1))
    }
}
