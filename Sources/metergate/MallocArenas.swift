#if canImport(Glibc)
import Glibc

/// glibc's malloc keeps up to eight arenas per core, one per thread that allocates at the
/// same time, and each keeps its own free memory. The gateway's dozen threads (bus owners,
/// the store's writer and readers, the cooperative pool) spread its heap over as many arenas:
/// about 2 MB of the resident set on a 1000-meter gateway (docs/performance.md, "Collector").
enum MallocArenas {
    /// `M_ARENA_MAX` from <malloc.h>, which Swift's Glibc module does not import.
    private static let arenaMaxParameter: Int32 = -8

    /// Caps the arenas; call before the threads start. Looked up at run time because
    /// <malloc.h> is not part of the Glibc module; without it nothing changes.
    static func limit(to count: Int32) {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMaxParameter, count)
    }
}
#endif
