import KubeAPI
import Testing

@Suite("LabelSelector (the API struct) as a selector")
struct LabelSelectorTests {
    static let web = ["app": "nginx", "tier": "web", "pod-template-hash": "747d4c55d8"]

    @Test func capturedBudgetSelectsItsPods() throws {
        let pdb = try Fixtures.decode(PodDisruptionBudget.self, from: "pdb.json")
        let pods = try Fixtures.decode(ObjectList<Pod>.self, from: "podlist.json").items
        let selector = try #require(pdb.spec?.selector).labelsSelector()
        #expect(!pods.isEmpty)
        #expect(pods.allSatisfy { selector.matches($0.metadata.labels ?? [:]) })
        #expect(!selector.matches(["app": "other"]))
    }

    @Test(arguments: [
        (LabelSelector(), true),
        (LabelSelector(matchLabels: ["app": "nginx"]), true),
        (LabelSelector(matchLabels: ["app": "nginx", "tier": "db"]), false),
        (LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "tier", operator: "In", values: ["web", "api"])]), true),
        (LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "tier", operator: "NotIn", values: ["web"])]), false),
        (LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "app", operator: "Exists")]), true),
        (LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "canary", operator: "DoesNotExist")]), true),
        (
            LabelSelector(
                matchLabels: ["app": "nginx"], matchExpressions: [LabelSelectorRequirement(key: "app", operator: "DoesNotExist")]),
            false
        ),
    ])
    func matchesLikeTheAPIServer(selector: LabelSelector, matches: Bool) throws {
        #expect(try selector.labelsSelector().matches(Self.web) == matches)
    }

    @Test(arguments: [
        LabelSelectorRequirement(key: "app", operator: "Equals", values: ["nginx"]),
        LabelSelectorRequirement(key: "app", operator: "In"),
        LabelSelectorRequirement(key: "app", operator: "Exists", values: ["nginx"]),
        LabelSelectorRequirement(key: "-bad key-", operator: "Exists"),
    ])
    func rejectsWhatTheAPIServerRejects(requirement: LabelSelectorRequirement) {
        #expect(throws: SelectorError.self) { try LabelSelector(matchExpressions: [requirement]).labelsSelector() }
    }
}
