import Foundation
import Hummingbird
import Store

/// Destinations with their backlog, dead letters, and the retry of a dead letter.
extension HeadendRoutes {
    func registerForwarding(on api: RouterGroup<HeadendContext>) {
        api.get("destinations") { _, context -> Response in
            try context.require(.readData)
            let destinations = try await self.store.run { try $0.status().outboxes.map(DestinationResource.init) }
            return JSONResponse.make(["destinations": destinations])
        }
        api.get("destinations/:destination/dead-letters") { _, context -> Response in
            try context.require(.readData)
            let destination = try await self.destination(context)
            let letters = try await self.store.run { try $0.deadLetters(destination: destination).map(DeadLetterResource.init) }
            return JSONResponse.make(["dead_letters": letters])
        }
        api.post("destinations/:destination/dead-letters/:id/retry") { _, context -> Response in
            try context.require(.retryDeadLetters)
            let destination = try await self.destination(context)
            let text = try self.pathParameter("id", context)
            guard let id = Int64(text), id > 0 else { throw APIError.badParameter("id", "'\(text)' is not a dead letter id (a positive integer)") }
            let retried = try await self.store.run { store throws -> DeadLetterRow in
                // Checked inside the same call so that a letter of another destination is never retried by mistake.
                guard try store.deadLetters(destination: destination).contains(where: { $0.id == id }) else {
                    throw APIError.notFound("id", "no dead letter \(id) for destination '\(destination)'")
                }
                guard let row = try store.retryDeadLetter(id: id, at: Date()) else {
                    throw APIError.notFound("id", "no dead letter \(id) for destination '\(destination)'")
                }
                return row
            }
            return JSONResponse.make(RetryResource(deadLetter: retried.id, destination: retried.destination, firstPosition: retried.positions.lowerBound,
                                                   lastPosition: retried.positions.upperBound, rows: retried.rows, status: "queued"),
                                     status: .accepted)
        }
    }

    /// The destination named in the path; 404 unless the store has its outbox.
    func destination(_ context: HeadendContext) async throws(APIError) -> String {
        let name = try pathParameter("destination", context)
        let known = try await store.run { try $0.outboxStates().contains { $0.destination == name } }
        guard known else { throw APIError.notFound("destination", "no destination named '\(name)'") }
        return name
    }
}
