import Testing

@testable import KubeAPI

@Suite("Labels.Selector parsing")
struct LabelsSelectorParsingTests {
    struct ParseCase: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: [(String, Labels.Operator, [String])]
        var testDescription: String { text.isEmpty ? "<empty>" : text }
    }

    static let valid: [ParseCase] = [
        ParseCase(text: "", expected: []),
        ParseCase(text: "   ", expected: []),
        ParseCase(text: "app=web", expected: [("app", .equals, ["web"])]),
        ParseCase(text: "app==web", expected: [("app", .equals, ["web"])]),
        ParseCase(text: "app!=web", expected: [("app", .notEquals, ["web"])]),
        ParseCase(text: "app=", expected: [("app", .equals, [""])]),
        ParseCase(text: "app in (web,api)", expected: [("app", .in, ["api", "web"])]),
        ParseCase(text: "app notin (web)", expected: [("app", .notIn, ["web"])]),
        ParseCase(text: "app in ()", expected: [("app", .in, [""])]),
        ParseCase(text: "app in (a,)", expected: [("app", .in, ["", "a"])]),
        ParseCase(text: "app in (a,a,b)", expected: [("app", .in, ["a", "b"])]),
        ParseCase(text: "app", expected: [("app", .exists, [])]),
        ParseCase(text: "!app", expected: [("app", .doesNotExist, [])]),
        ParseCase(text: "in=notin", expected: [("in", .equals, ["notin"])]),
        ParseCase(
            text: "tier=backend,app in (web),!canary,env",
            expected: [("app", .in, ["web"]), ("canary", .doesNotExist, []), ("env", .exists, []), ("tier", .equals, ["backend"])]),
        ParseCase(
            text: "  app  in(  web ,  api )  ,  tier != db , ! canary ",
            expected: [("app", .in, ["api", "web"]), ("canary", .doesNotExist, []), ("tier", .notEquals, ["db"])]),
        ParseCase(
            text: "app.kubernetes.io/name=web,example.com/Role_1=A-b.c_9",
            expected: [("app.kubernetes.io/name", .equals, ["web"]), ("example.com/Role_1", .equals, ["A-b.c_9"])]),
        ParseCase(
            text: "\(String(repeating: "k", count: 63))=\(String(repeating: "v", count: 63))",
            expected: [
                (String(repeating: "k", count: 63), .equals, [String(repeating: "v", count: 63)])
            ]),
    ]

    @Test(arguments: valid)
    func parsesRequirements(_ testCase: ParseCase) throws {
        let selector = try Labels.Selector(parsing: testCase.text)
        #expect(selector.requirements.map(\.key) == testCase.expected.map(\.0))
        #expect(selector.requirements.map(\.operator) == testCase.expected.map(\.1))
        #expect(selector.requirements.map(\.values) == testCase.expected.map(\.2))
        #expect(selector.isEverything == testCase.expected.isEmpty)
    }

    @Test(arguments: valid)
    func descriptionParsesBackToAnEqualSelector(_ testCase: ParseCase) throws {
        let selector = try Labels.Selector(parsing: testCase.text)
        let reparsed = try Labels.Selector(parsing: selector.description)
        #expect(reparsed == selector)
        #expect(reparsed.description == selector.description)
    }

    @Test(arguments: [
        ("app=web,tier!=db", "app=web,tier!=db"),
        ("tier != db , app == web", "app=web,tier!=db"),
        ("app in (web, api)", "app in (api,web)"),
        ("!canary,env", "!canary,env"),
        ("app notin (b,a)", "app notin (a,b)"),
        ("", ""),
    ])
    func descriptionIsCanonical(text: String, canonical: String) throws {
        #expect(try Labels.Selector(parsing: text).description == canonical)
    }

    @Test func everythingIsTheEmptySelector() throws {
        #expect(Labels.Selector.everything == (try Labels.Selector(parsing: "")))
        #expect(Labels.Selector.everything.description == "")
    }

    @Test func orderOfRequirementsDoesNotMatterForEquality() throws {
        #expect(try Labels.Selector(parsing: "a=1,b=2") == (try Labels.Selector(parsing: "b=2, a==1")))
        #expect(try Labels.Selector(parsing: "a=1") != (try Labels.Selector(parsing: "a!=1")))
    }
}
