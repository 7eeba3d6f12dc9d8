import MeterKit
import Modbus

/// The registers one poll fetched, and the error of each block that failed.
///
/// Decoding works on this image after the bus is released, so the bus thread spends its
/// time on the line and not on arithmetic.
public struct RegisterImage: Sendable {
    // The blocks as read, not a map of addresses: a poll has a handful of blocks, so a scan
    // finds a register faster than hashing every word in (which cost the bus thread more
    // than decoding did).
    private var blocks: [(block: RegisterBlock, values: [UInt16])] = []
    private var failures: [(block: RegisterBlock, error: ModbusError)] = []

    public init() {}

    mutating func store(_ block: RegisterBlock, _ values: [UInt16]) { blocks.append((block, values)) }

    mutating func fail(_ block: RegisterBlock, _ error: ModbusError) { failures.append((block, error)) }

    /// The words of `location`, or the error of the block that should have held them.
    public func words(at location: RegisterLocation) -> Result<[UInt16], ModbusError>? {
        let first = Int(location.address), end = first + location.type.registerCount
        func holds(_ block: RegisterBlock, _ address: Int) -> Bool {
            block.kind == location.kind && Int(block.start) <= address && address < block.end
        }
        var out: [UInt16] = []
        out.reserveCapacity(end - first)
        for address in first..<end {
            // A block read returns exactly its count of registers (libmodbus checks the reply).
            guard let read = blocks.first(where: { holds($0.block, address) }) else {
                return failures.first { holds($0.block, address) }.map { .failure($0.error) }
            }
            out.append(read.values[address - Int(read.block.start)])
        }
        return .success(out)
    }

    /// Fetches `blocks` on the bus thread; a failed block does not stop the others, so one
    /// unsupported register does not hide the rest of the meter.
    static func fetch(_ blocks: [RegisterBlock], unit: UInt8, session: ModbusBusSession) -> RegisterImage {
        var image = RegisterImage()
        for block in blocks {
            do {
                let values = try session.read(block.kind == .holding ? .holding : .input, unit: unit, address: block.start, count: block.count)
                image.store(block, values)
            } catch {
                image.fail(block, error)
                // A dead line or a missing meter fails every block the same way: stop early.
                if case .exception = error { continue }
                if case .invalidRequest = error { continue }
                for rest in blocks.drop(while: { $0 != block }).dropFirst() { image.fail(rest, error) }
                break
            }
        }
        return image
    }
}
