import CLibFuzzer

#if canImport(Glibc)
    import Glibc
#endif

/// Hands the process to libFuzzer: its flags and corpus directories come from the command line (`-max_total_time=60
/// Fuzz/Corpus/SelectorsFuzzer`), and it calls `testOneInput` once per input. A fuzz target's `@main` calls this and
/// defines `testOneInput` as `LLVMFuzzerTestOneInput` too, the symbol libFuzzer's own `main` would look for.
public enum LibFuzzer {
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ testOneInput: TestOneInput) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }

    /// The input's bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: data, count: size)
    }

    /// The input as text, invalid UTF-8 replaced, as a reader of a file or an argument sees it.
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }
}
