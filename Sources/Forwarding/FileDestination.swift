import Foundation

/// Batches dropped as files into a directory, for systems that take files.
///
/// Each batch is written to a hidden temporary file, flushed to disk, renamed to
/// `<destination>-<first>-<last>.<ext>` and the directory flushed: a reader never sees half
/// a file, and a batch resent after a crash has the same name and content, so it replaces
/// itself instead of appearing twice.
public struct FileDestination: Destination {
    public let id: String
    public let directory: String
    public let fileExtension: String
    let encode: @Sendable (OutboxBatch) throws(DeliveryError) -> String

    public init(id: String, directory: String, fileExtension: String, encode: @escaping @Sendable (OutboxBatch) throws(DeliveryError) -> String) {
        self.id = id
        self.directory = directory
        self.fileExtension = fileExtension
        self.encode = encode
    }

    public func prepare() async throws(DeliveryError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unavailable("cannot create \(directory): \(error.localizedDescription)")
        }
    }

    /// The file a batch lands in.
    public func fileName(for positions: ClosedRange<Int64>) -> String {
        "\(id)-\(positions.lowerBound)-\(positions.upperBound).\(fileExtension)"
    }

    public func deliver(_ batch: OutboxBatch) async throws(DeliveryError) {
        let text = try encode(batch)
        let final = directory + "/" + fileName(for: batch.positions)
        let temporary = directory + "/." + fileName(for: batch.positions) + ".tmp"
        try write(Array(text.utf8), to: temporary)
        guard rename(temporary, final) == 0 else { throw .unavailable("rename to \(final): \(String(cString: strerror(errno)))") }
        try syncDirectory()
    }

    private func write(_ bytes: [UInt8], to path: String) throws(DeliveryError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unavailable("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { Foundation.close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw .unavailable("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += written
        }
        guard fsync(fd) == 0 else { throw .unavailable("cannot flush \(path): \(String(cString: strerror(errno)))") }
    }

    private func syncDirectory() throws(DeliveryError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .unavailable("cannot open \(directory): \(String(cString: strerror(errno)))") }
        defer { Foundation.close(fd) }
        guard fsync(fd) == 0 else { throw .unavailable("cannot flush \(directory): \(String(cString: strerror(errno)))") }
    }
}
