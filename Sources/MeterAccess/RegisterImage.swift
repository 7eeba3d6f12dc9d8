import MeterKit
import Modbus

/// The registers one poll fetched, and the error of each block that failed.
///
/// Decoding works on this image after the bus is released, so the bus thread spends its
/// time on the line and not on arithmetic.
public struct RegisterImage: Sendable {
    // The blocks as read, not a map of addresses: a poll has a handful of blocks, so a scan
    // finds a register faster than hashing every word in (which cost the bus thread more
    // than decoding did). Every block's words sit in one buffer, at the block's offset, so a
    // poll allocates once for its replies and a point's words are a slice of them.
    private var words: [UInt16] = []
    private var blocks: [(block: RegisterBlock, offset: Int)] = []
    private var failures: [(block: RegisterBlock, error: ModbusError)] = []

    public init() {}

    /// The words of `location`, or the error of the block that should have held them. A
    /// location lies inside one block: `ReadPlan` never splits one across two.
    public func words(at location: RegisterLocation) -> Result<ArraySlice<UInt16>, ModbusError>? {
        let first = Int(location.address), last = first + location.type.registerCount - 1
        func holds(_ block: RegisterBlock) -> Bool {
            block.kind == location.kind && Int(block.start) <= first && last < block.end
        }
        // A block read returns exactly its count of registers (libmodbus checks the reply).
        guard let read = blocks.first(where: { holds($0.block) }) else {
            return failures.first { holds($0.block) }.map { .failure($0.error) }
        }
        let from = read.offset + first - Int(read.block.start)
        return .success(words[from...from + last - first])
    }

    /// Fetches `blocks` on the bus thread; a failed block does not stop the others, so one
    /// unsupported register does not hide the rest of the meter.
    static func fetch(_ blocks: [RegisterBlock], unit: UInt8, session: ModbusBusSession) -> RegisterImage {
        var image = RegisterImage()
        image.words.reserveCapacity(blocks.reduce(0) { $0 + $1.count })
        image.blocks.reserveCapacity(blocks.count)
        for block in blocks {
            do {
                let offset = image.words.count
                try session.read(block.kind == .holding ? .holding : .input, unit: unit, address: block.start, count: block.count,
                                 appendingTo: &image.words)
                image.blocks.append((block, offset))
            } catch {
                image.failures.append((block, error))
                // A dead line or a missing meter fails every block the same way: stop early.
                if case .exception = error { continue }
                if case .invalidRequest = error { continue }
                for rest in blocks.drop(while: { $0 != block }).dropFirst() { image.failures.append((rest, error)) }
                break
            }
        }
        return image
    }
}
