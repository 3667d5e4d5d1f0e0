import Testing

@testable import KubeAPI

@Suite("Labels.Selector matching")
struct LabelsSelectorMatchingTests {
    static let web: [String: String] = ["app": "web", "tier": "frontend"]
    static let db: [String: String] = ["app": "db", "tier": "backend", "canary": "true"]
    static let bare: [String: String] = [:]

    @Test(arguments: [
        // selector, matches web, matches db, matches bare
        ("", true, true, true),
        ("app=web", true, false, false),
        ("app==db", false, true, false),
        ("app!=web", false, true, true),
        ("app in (web,db)", true, true, false),
        ("app notin (web)", false, true, true),
        ("canary", false, true, false),
        ("!canary", true, false, true),
        ("app=web,tier=frontend", true, false, false),
        ("app=web,tier=backend", false, false, false),
        ("tier in (frontend,backend),!canary", true, false, false),
        ("app,app!=db", true, false, false),
        ("tier=", false, false, false),
        ("tier!=", true, true, true),
        ("app in ()", false, false, false),
    ])
    func matchesLabelSets(text: String, web: Bool, db: Bool, bare: Bool) throws {
        let selector = try Labels.Selector(parsing: text)
        #expect(selector.matches(Self.web) == web)
        #expect(selector.matches(Self.db) == db)
        #expect(selector.matches(Self.bare) == bare)
    }

    @Test func emptyValueMatchesAnEmptyLabel() throws {
        #expect(try Labels.Selector(parsing: "tier=").matches(["tier": ""]))
        #expect(try Labels.Selector(parsing: "app in ()").matches(["app": ""]))
    }
}
