import Foundation
import Hummingbird
import MeterAccess

/// Commissioning records: the JSON files `metergate commission --record` writes, served
/// from the folder `api.commissioning_records` names. They stay files (a technician
/// copies them off a laptop, an auditor archives them) rather than store rows; the API
/// only lists and shows them.
extension HeadendRoutes {
    func registerCommissioning(on api: RouterGroup<HeadendContext>) {
        api.get("commissioning-records") { _, context -> Response in
            try context.require(.commissioning)
            let records = self.commissioningFiles().compactMap { file -> CommissioningSummary? in
                guard let record = self.record(file) else { return nil }
                return CommissioningSummary(file: file, performedAt: record.performedAt, technician: record.technician,
                                            endpoint: record.meter.endpoint, unit: record.meter.unit, profile: record.meter.profile,
                                            result: "\(record.result)")
            }
            return JSONResponse.make(["records": records])
        }
        api.get("commissioning-records/:file") { _, context -> Response in
            try context.require(.commissioning)
            let file = try self.pathParameter("file", context)
            guard self.commissioningFiles().contains(file), let directory = self.commissioningRecords,
                  let data = FileManager.default.contents(atPath: URL(fileURLWithPath: directory).appendingPathComponent(file).path) else {
                throw APIError.notFound("file", "no commissioning record named '\(file)'")
            }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// The `.json` files of the folder, by name; the list is the only way to a file, so a
    /// path parameter never reaches outside the folder.
    func commissioningFiles() -> [String] {
        guard let directory = commissioningRecords else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    private func record(_ file: String) -> CommissioningRecord? {
        guard let directory = commissioningRecords,
              let data = FileManager.default.contents(atPath: URL(fileURLWithPath: directory).appendingPathComponent(file).path) else { return nil }
        return try? CommissioningRecord.decode(data)
    }
}
