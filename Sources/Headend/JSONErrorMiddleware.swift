import Hummingbird

/// Makes every failure a JSON error body, including those raised outside the API's own
/// handlers: an unknown path (Hummingbird's 404), a body over the size limit (413), or an
/// unexpected error (500 with a generic message; details go to the log, which never holds
/// request headers). Clients then parse one error shape whatever went wrong.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = HeadendContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            if response.status == .notFound, response.headers[.contentType] == nil {
                throw APIError(.notFound, "no such endpoint: \(request.method) \(request.uri.path)")
            }
            return response
        } catch let error as APIError {
            throw error
        } catch let error as HTTPResponseError {
            throw APIError(error.status, error.status == .notFound ? "no such endpoint: \(request.method) \(request.uri.path)" : error.status.reasonPhrase)
        } catch {
            context.logger.error("request \(request.method) \(request.uri.path) failed: \(error)")
            throw APIError(.internalServerError, "internal error; the gateway's log has the details")
        }
    }
}
