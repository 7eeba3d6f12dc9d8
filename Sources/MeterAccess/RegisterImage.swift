import MeterKit
import Modbus

/// The registers one poll fetched, and the error of each block that failed.
///
/// Decoding works on this image after the bus is released, so the bus thread spends its
/// time on the line and not on arithmetic.
public struct RegisterImage: Sendable {
    private var words: [RegisterKind: [UInt16: UInt16]] = [:]
    private var failures: [(block: RegisterBlock, error: ModbusError)] = []

    public init() {}

    mutating func store(_ block: RegisterBlock, _ values: [UInt16]) {
        for (offset, value) in values.enumerated() { words[block.kind, default: [:]][UInt16(Int(block.start) + offset)] = value }
    }

    mutating func fail(_ block: RegisterBlock, _ error: ModbusError) { failures.append((block, error)) }

    /// The words of `location`, or the error of the block that should have held them.
    public func words(at location: RegisterLocation) -> Result<[UInt16], ModbusError>? {
        var out: [UInt16] = []
        for offset in 0..<location.type.registerCount {
            let address = UInt16(Int(location.address) + offset)
            guard let word = words[location.kind]?[address] else {
                let failure = failures.first { $0.block.kind == location.kind && Int($0.block.start) <= Int(address) && Int(address) < $0.block.end }
                return failure.map { .failure($0.error) }
            }
            out.append(word)
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
