import FuzzSupport

/// `--include-name`/`--exclude-name` patterns from any text, matched against a Kubernetes name. The input is a
/// pattern, a zero byte, then the name's bytes (at least one), each mapped onto the characters of names. Parsing never traps; a
/// pattern that parses matches a name exactly when Swift's own `Regex` finds it there (for patterns both accept).
@main
enum NamePatternFuzzer {
    static func main() { LibFuzzer.run(testOneInput) }

    static func check(_ input: UnsafeRawBufferPointer) {
        let split = input.firstIndex(of: 0) ?? input.endIndex
        let pattern = String(decoding: input[..<split], as: UTF8.self)
        let alphabet = RegexMatcher.alphabet
        var name = String.UnicodeScalarView()
        name.append(contentsOf: input[split...].dropFirst().prefix(253).map { alphabet[Int($0) % alphabet.count] })
        check(pattern, on: String(name))
    }

    static func check(_ pattern: String, on name: String) {
        // Kubernetes names are never empty (and an empty name takes a path of its own in neither engine's favour).
        guard !name.isEmpty else { return }
        guard let compiled = try? NamePattern(pattern) else { return }
        let matched = compiled.matches(name)
        // Swift's Regex backtracks (`^(a*|b)*c{203}` takes half a minute on 30 characters): it judges short cases.
        guard name.unicodeScalars.count <= 12, pattern.unicodeScalars.count <= 40, sameSyntax(pattern),
            let oracle = try? Regex(pattern)
        else {
            return
        }
        let expected = name.contains(oracle.matchingSemantics(.unicodeScalar))
        precondition(matched == expected, "pattern \(pattern) on \(name): matched \(matched), Swift's Regex says \(expected)")
    }
}

extension NamePatternFuzzer {
    /// False for what Swift's Regex reads differently from the RE2 syntax names are matched with: inside a class,
    /// the set operators `--`, `&&`, `~~` and a nested `[`, and a class written `[:…:]` (a POSIX class to Swift), all
    /// of which RE2 takes literally.
    static func sameSyntax(_ pattern: String) -> Bool {
        // Swift's Regex parses "\r\n" as one character even with scalar semantics, so "\r\n?" makes both optional.
        if pattern.unicodeScalars.contains("\r") { return false }
        var inClass = false
        var previous: Character = " "
        var escaped = false
        for character in pattern {
            defer { previous = escaped ? " " : character }
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[" where inClass: return false
            case "[": inClass = true
            case ":" where inClass && previous == "[": return false
            case "]": inClass = false
            case "-", "&", "~": if inClass && previous == character { return false }
            default: break
            }
        }
        return true
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    NamePatternFuzzer.check(LibFuzzer.bytes(data, size))
    return 0
}
