#if canImport(Glibc)
    import Glibc
#endif

/// glibc's allocator settings for this process, set before any thread starts.
///
/// By default glibc gives threads arenas of their own (up to eight per core) and keeps freed memory of each for
/// reuse. A run decodes its pages on whichever thread the concurrency pool picks, so each arena kept its own high
/// mark: 18 MB of private memory for a kill over 2,500 pods whose heap never held more than 9 MB at once. Two arenas
/// and returning free memory above 128 KiB to the system bring that to 11 MB, at no measurable cost in time
/// (docs/benchmarks.md). `MALLOC_ARENA_MAX` and `MALLOC_TRIM_THRESHOLD_` in the environment still win.
enum MallocTuning {
    static let arenas: Int32 = 2
    static let trimThreshold: Int32 = 128 * 1024

    /// `mallopt`'s parameters, from glibc's `<malloc.h>` (part of its ABI), which the Glibc module does not import.
    private static let trimThresholdParameter: Int32 = -1
    private static let arenaMaxParameter: Int32 = -8

    static func apply(environment: [String: String]) {
        #if canImport(Glibc)
            // Looked up by name for the same reason; a libc without it is left as it is.
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            if environment["MALLOC_ARENA_MAX"] == nil { _ = mallopt(arenaMaxParameter, arenas) }
            if environment["MALLOC_TRIM_THRESHOLD_"] == nil { _ = mallopt(trimThresholdParameter, trimThreshold) }
        #endif
    }
}
