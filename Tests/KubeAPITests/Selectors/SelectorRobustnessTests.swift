import Testing

@testable import KubeAPI

/// Hostile input must either parse into something that round-trips or fail with a one-line `SelectorError`.
@Suite("Selector robustness")
struct SelectorRobustnessTests {
    static let inputs: [String] = [
        "((((", "))))", ",,,", "!!!", "!=!=", "====", "in", "notin", "in in (in)", "a in ((b))", "a in (b))", "a=(b)",
        "\u{0}", "a=\u{7}", "\u{1F600}=x", "a=\u{1F600}", "a\u{200B}=b", String(repeating: "a=b,", count: 200) + "a",
        String(repeating: "(", count: 1000), #"a\=b"#, #"a=b\"#, "a==", "a!=", "!a,!b,!c", " \t\r\n ",
    ]

    @Test(arguments: inputs)
    func labelSelectorsParseOrFailOnOneLine(_ input: String) {
        do {
            let selector = try Labels.Selector(parsing: input)
            #expect(try Labels.Selector(parsing: selector.description) == selector)
        } catch let error as SelectorError {
            #expect(!error.description.contains("\n") && !error.description.contains("\r"))
            #expect(error.kind == .label)
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test(arguments: inputs)
    func fieldSelectorsParseOrFailOnOneLine(_ input: String) {
        do {
            let selector = try Fields.Selector(parsing: input)
            #expect(try Fields.Selector(parsing: selector.description) == selector)
        } catch let error as SelectorError {
            #expect(!error.description.contains("\n") && !error.description.contains("\r"))
            #expect(error.kind == .field)
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }
}
