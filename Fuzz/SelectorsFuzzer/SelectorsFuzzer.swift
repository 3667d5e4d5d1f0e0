import FuzzSupport

/// Label and field selectors from any text: parsing never traps, and a selector that parses prints back (the form the
/// API server is sent) to text that parses to the same requirements.
@main
enum SelectorsFuzzer {
    static func main() { LibFuzzer.run(testOneInput) }

    static func check(_ text: String) {
        if let labels = try? Labels.Selector(parsing: text) {
            let again = try? Labels.Selector(parsing: labels.description)
            precondition(again == labels, "label selector \(labels) does not parse back to itself")
        }
        if let fields = try? Fields.Selector(parsing: text) {
            let again = try? Fields.Selector(parsing: fields.description)
            precondition(again == fields, "field selector \(fields) does not parse back to itself")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    SelectorsFuzzer.check(LibFuzzer.text(data, size))
    return 0
}
