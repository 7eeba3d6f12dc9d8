import Hummingbird
import Logging

/// One log line per request: method, path, status and the time taken.
/// Query strings are left out too (they carry meter names and ranges but never secrets,
/// yet a short line is what an operator scans); the Authorization header never appears.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = HeadendContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: Int(response.status.code), start: start)
            return response
        } catch let error as HTTPResponseError {
            log(request, status: Int(error.status.code), start: start)
            throw error
        } catch {
            log(request, status: 500, start: start)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        logger.info("\(request.method) \(request.uri.path) \(status) \(elapsed)")
    }
}
