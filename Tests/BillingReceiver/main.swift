// A billing system for the forwarding tests: takes POSTed billing documents and applies
// each idempotency key once, as a billing system must, counting repeats. It can refuse
// batches holding one meter's documents (422) and fail the first requests (503), so tests
// can drive the gateway's dead-letter and retry paths against a real HTTP server.
//
// billing-receiver --port-file F [--port N] [--log F] [--reject-meter M] [--fail-first N]
//   POST /determinants  {"documents": [{"idempotency_key": …, "meter": …}, …]}
//   GET  /applied       {"applied": N, "duplicates": N, "requests": N, "keys": […]}
import Foundation
import Hummingbird

actor Ledger {
    var keys: [String] = []
    var seen: Set<String> = []
    var duplicates = 0
    var requests = 0
    let log: FileHandle?
    var failuresLeft: Int

    init(logPath: String?, failFirst: Int) {
        failuresLeft = failFirst
        if let logPath {
            if let text = try? String(contentsOfFile: logPath, encoding: .utf8) {
                for line in text.split(separator: "\n") {
                    if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                       let key = object["idempotency_key"] as? String, seen.insert(key).inserted { keys.append(key) }
                }
            }
            if !FileManager.default.fileExists(atPath: logPath) { FileManager.default.createFile(atPath: logPath, contents: nil) }
            log = FileHandle(forWritingAtPath: logPath)
            _ = try? log?.seekToEnd()
        } else {
            log = nil
        }
    }

    /// nil when the batch is applied; else the failure to answer with.
    func take(_ documents: [[String: Any]], lines: [Data], rejecting meter: String?) -> (Int, String)? {
        requests += 1
        if failuresLeft > 0 {
            failuresLeft -= 1
            return (503, "billing system busy")
        }
        if let meter, documents.contains(where: { $0["meter"] as? String == meter }) {
            return (422, "meter \(meter) is not in the billing system")
        }
        for (document, line) in zip(documents, lines) {
            guard let key = document["idempotency_key"] as? String else { return (400, "a document without idempotency_key") }
            if seen.insert(key).inserted {
                keys.append(key)
                log?.write(line + Data("\n".utf8))
            } else {
                duplicates += 1
            }
        }
        return nil
    }

    func summary() -> Data {
        (try? JSONSerialization.data(withJSONObject: ["applied": keys.count, "duplicates": duplicates, "requests": requests, "keys": keys])) ?? Data()
    }
}

func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let ledger = Ledger(logPath: option("--log"), failFirst: Int(option("--fail-first") ?? "0") ?? 0)
let rejectMeter = option("--reject-meter")
let router = Router()
router.post("/determinants") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
    let data = Data(body.readableBytesView)
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let documents = object["documents"] as? [[String: Any]] else {
        return Response(status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: "not a billing batch")))
    }
    let lines = documents.map { (try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) ?? Data() }
    if let (status, reason) = await ledger.take(documents, lines: lines, rejecting: rejectMeter) {
        return Response(status: .init(code: status), body: ResponseBody(byteBuffer: ByteBuffer(string: reason)))
    }
    return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"applied\":true}")))
}
router.get("/applied") { _, _ -> Response in
    Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: await ledger.summary())))
}
let portFile = option("--port-file")
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: Int(option("--port") ?? "0") ?? 0)),
    onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        if let portFile { try? String(port).write(toFile: portFile, atomically: true, encoding: .utf8) }
        print("billing-receiver listening on 127.0.0.1:\(port)")
    }
)
try await app.runService()
