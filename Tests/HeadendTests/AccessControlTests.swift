import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing

/// Each role can do exactly what it may: 403 otherwise, 401 without a valid token.
@Suite(.serialized)
struct AccessControlTests {
    /// One endpoint per permission, with the least role that may call it.
    static let cases: [(method: HTTPMethod, path: String, body: String?, least: String)] = [
        (.GET, "/api/v1/meters", nil, "reader"),
        (.GET, "/metrics", nil, "reader"),
        (.GET, "/", nil, "reader"),
        (.POST, "/api/v1/meters/m-001/rereads", #"{"from":"2025-11-20","to":"2025-11-21"}"#, "operator"),
        (.POST, "/api/v1/meters/m-001/reads", nil, "operator"),
        (.POST, "/api/v1/destinations/billing-http/dead-letters/999/retry", nil, "operator"),
        (.POST, "/api/v1/meters/m-001/clock", nil, "technician"),
        (.GET, "/api/v1/commissioning-records", nil, "technician"),
    ]
    static let roles = ["reader", "operator", "technician"]

    @Test func eachRoleCanDoExactlyWhatItMayAndGets403Otherwise() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        for entry in Self.cases {
            for role in Self.roles {
                let reply = try await api.request(entry.method, entry.path, role: role, body: entry.body)
                let allowed = Self.roles.firstIndex(of: role)! >= Self.roles.firstIndex(of: entry.least)!
                if allowed {
                    #expect(reply.status != 403 && reply.status != 401, "\(role) \(entry.method) \(entry.path): \(reply.status) \(reply.body)")
                } else {
                    #expect(reply.status == 403, "\(role) \(entry.method) \(entry.path): \(reply.status)")
                    #expect(reply.errorMessage.contains("role \(role) may not"))
                }
            }
        }
    }

    @Test func aRevokedTokenGets401() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reply = try await api.get("/api/v1/meters", role: "revoked")
        #expect(reply.status == 401)
        #expect(reply.errorMessage == "token test-revoked was revoked")
        #expect(reply.headers["WWW-Authenticate"].first?.hasPrefix("Bearer") == true)
    }

    @Test func revokingATokenTakesEffectOnTheNextRequest() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        #expect(try await api.get("/api/v1/meters", role: "operator").status == 200)
        try api.store.revokeToken(name: "test-operator", at: Date())
        #expect(try await api.get("/api/v1/meters", role: "operator").status == 401)
    }

    @Test func aMissingOrUnknownTokenGets401AndTheTokenIsNeverEchoed() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        #expect(try await api.get("/api/v1/meters", role: nil).status == 401)
        let unknown = try await api.request(.GET, "/api/v1/meters", role: nil, token: "mgt_not-a-real-token")
        #expect(unknown.status == 401)
        #expect(!unknown.body.contains("mgt_not-a-real-token"))
    }

    /// A browser opening the status page cannot send a bearer token: it is challenged for
    /// Basic credentials and answers with the token as the password.
    @Test func theStatusPageChallengesABrowserAndTakesTheTokenAsBasicPassword() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        func page(_ authorization: String?) async throws -> (status: Int, challenge: String?, body: String) {
            var request = HTTPClientRequest(url: api.baseURL + "/")
            if let authorization { request.headers.add(name: "Authorization", value: authorization) }
            let response = try await api.client.execute(request, timeout: .seconds(30))
            let body = String(buffer: try await response.body.collect(upTo: 8 * 1024 * 1024))
            return (Int(response.status.code), response.headers["WWW-Authenticate"].first, body)
        }
        let anonymous = try await page(nil)
        #expect(anonymous.status == 401 && anonymous.challenge?.hasPrefix("Basic realm=\"metergate\"") == true)
        let basic = { (user: String, password: String) in "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }
        let reader = try await page(basic("anyone", try #require(api.tokens["reader"])))
        #expect(reader.status == 200 && reader.body.contains("<svg id=\"load-curve\"") && reader.body.contains(APIFixture.meterName))
        #expect(try await page(basic("anyone", "mgt_wrong")).status == 401)
        #expect(try await page(basic("anyone", try #require(api.tokens["revoked"]))).status == 401)
        #expect(try await page("Bearer \(try #require(api.tokens["reader"]))").status == 200)
    }

    @Test func theLogNeverHoldsATokenOrTheAuthorizationHeader() async throws {
        let capture = LogCapture()
        let api = try await APIFixture.start(logger: capture.logger())
        defer { Task { await api.stop() } }
        _ = try await api.get("/api/v1/meters", role: "reader")
        _ = try await api.get("/api/v1/meters", role: "revoked")
        _ = try await api.request(.GET, "/api/v1/meters", role: nil, token: "mgt_guessed-token")
        _ = try await api.request(.POST, "/api/v1/meters/m-001/clock", role: "reader")
        let log = capture.text
        #expect(log.contains("GET /api/v1/meters 200") && log.contains("GET /api/v1/meters 401"), "\(log)")
        for token in api.tokens.values + ["mgt_guessed-token"] { #expect(!log.contains(token)) }
        #expect(!log.lowercased().contains("authorization") && !log.contains("Bearer"))
    }
}
