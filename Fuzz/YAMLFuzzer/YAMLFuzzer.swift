import FuzzSupport

/// The two YAML readers from any text: a kubeconfig and a config file (`--config`). The first byte picks the reader,
/// the rest is the file. Reading never traps, and what it refuses it says in one line of bounded length, as every
/// error a user sees.
@main
enum YAMLFuzzer {
    /// As ConfigError's own bound, with room for the words around what it echoes.
    static let maxMessageLength = 2048

    static func main() { LibFuzzer.run(testOneInput) }

    static func check(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first else { return }
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        do {
            if selector % 2 == 0 {
                _ = try KubeconfigFile.parse(text, path: "/fuzz/kubeconfig")
            } else {
                _ = try ConfigDocument.parse(text, path: "/fuzz/config.yaml")
            }
        } catch {
            let message = "\(error)"
            precondition(!message.contains("\n"), "an error of more than one line: \(message)")
            precondition(message.count <= maxMessageLength, "an error of \(message.count) characters")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    YAMLFuzzer.check(LibFuzzer.bytes(data, size))
    return 0
}
