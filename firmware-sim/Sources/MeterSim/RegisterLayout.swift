import MeterKit

/// The registers a device profile makes readable, as address ranges tagged with what they
/// hold. Built once per served meter so a read only has to find the ranges it touches.
struct RegisterLayout: Sendable {
    /// What a range of registers carries.
    enum Content: Sendable, Hashable {
        case point(PointDefinition)
        /// A SunSpec scale-factor register (i16) shared by the points that name it.
        case scaleFactor(points: [PointDefinition])
        case identification(IdentificationField, RegisterLocation)
        case clock(ClockDefinition)
        case loadProfileHeader(LoadProfileWindow)
        case loadProfileRecords(LoadProfileWindow)
        /// Words that never change: the SunSpec marker, model headers, the common model,
        /// the "not implemented" fill of a model body.
        case constant([UInt16])
    }

    struct Block: Sendable, Hashable {
        var start: Int
        /// One past the last register (Int, so a block can end exactly at 0x10000).
        var end: Int
        var content: Content
    }

    /// Blocks per register table, sorted by start address. Where a (faulty) profile
    /// declares overlapping things, the block starting first serves the overlap, and among
    /// blocks starting together the first declared (points, then scale factors,
    /// identification, clock, load profile).
    private let blocks: [RegisterKind: [Block]]

    /// - Parameters:
    ///   - profile: the served profile (placed, for SunSpec).
    ///   - sunSpec: the chain to serve around a SunSpec profile's points; it replaces the
    ///     profile's identification registers (the common model carries the identity) and
    ///     fills every register of the model body the profile leaves unmapped.
    init(profile: DeviceProfile, sunSpec: SunSpecChain? = nil) {
        var list: [RegisterKind: [Block]] = [:]
        func add(_ kind: RegisterKind, _ start: Int, _ count: Int, _ content: Content) {
            guard count > 0, start >= 0, start < 0x10000 else { return }
            list[kind, default: []].append(Block(start: start, end: min(start + count, 0x10000), content: content))
        }
        for point in profile.points {
            add(point.location.kind, Int(point.location.address), point.location.type.registerCount, .point(point))
        }
        var scaleRegisters: [(UInt16, RegisterKind)] = []
        for point in profile.points {
            if case .powerOfTen(let register, let kind) = point.scale, !scaleRegisters.contains(where: { $0 == (register, kind) }) {
                scaleRegisters.append((register, kind))
            }
        }
        for (register, kind) in scaleRegisters {
            let sharing = profile.points.filter { $0.scale == .powerOfTen(register: register, kind: kind) }
            add(kind, Int(register), 1, .scaleFactor(points: sharing))
        }
        for field in IdentificationField.allCases where sunSpec == nil {
            if case .register(let location)? = profile.identification[field] {
                add(location.kind, Int(location.address), location.type.registerCount, .identification(field, location))
            }
        }
        if let clock = profile.clock {
            add(clock.location.kind, Int(clock.location.address), clock.location.type.registerCount, .clock(clock))
        }
        if let window = profile.loadProfile {
            add(window.kind, Int(window.headerAddress), LoadProfileHeader.registerCount, .loadProfileHeader(window))
            add(window.kind, Int(window.recordsAddress), window.capacity * LoadProfileRecord.registerCount, .loadProfileRecords(window))
        }
        if let chain = sunSpec {
            for block in chain.fixedBlocks {
                add(.holding, block.start, block.words.count, .constant(block.words))
            }
            // The body's unmapped registers, in runs, so a read of the whole body succeeds.
            var covered = [Bool](repeating: false, count: chain.body.count)
            for block in list[.holding] ?? [] {
                for address in max(block.start, chain.body.lowerBound)..<max(min(block.end, chain.body.upperBound), chain.body.lowerBound) {
                    covered[address - chain.body.lowerBound] = true
                }
            }
            var address = chain.body.lowerBound
            while address < chain.body.upperBound {
                guard !covered[address - chain.body.lowerBound] else { address += 1; continue }
                var end = address
                while end < chain.body.upperBound, !covered[end - chain.body.lowerBound] { end += 1 }
                add(.holding, address, end - address, .constant((address..<end).map(chain.notImplementedWord(at:))))
                address = end
            }
        }
        // A stable sort keeps declaration order among blocks that start together.
        blocks = list.mapValues { kindBlocks in
            kindBlocks.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        }
    }

    /// The blocks serving `start ..< start + count`, each with the sub-range it serves, in
    /// address order; nil when any register of the range is served by nothing.
    func blocks(kind: RegisterKind, start: Int, count: Int) -> [(block: Block, range: Range<Int>)]? {
        let end = start + count
        var owner = [Int?](repeating: nil, count: count)
        let candidates = blocks[kind] ?? []
        for (index, block) in candidates.enumerated() where block.start < end && block.end > start {
            for address in max(block.start, start)..<min(block.end, end) where owner[address - start] == nil {
                owner[address - start] = index
            }
        }
        guard !owner.contains(nil) else { return nil }
        // Group consecutive registers served by the same block.
        var result: [(Block, Range<Int>)] = []
        var runStart = start
        for offset in 1...count where offset == count || owner[offset] != owner[offset - 1] {
            result.append((candidates[owner[offset - 1]!], runStart..<(start + offset)))
            runStart = start + offset
        }
        return result
    }

    /// The block serving `address` in table `kind`, if any.
    func block(containing address: Int, kind: RegisterKind) -> Block? {
        blocks[kind]?.first { $0.start <= address && address < $0.end }
    }
}
