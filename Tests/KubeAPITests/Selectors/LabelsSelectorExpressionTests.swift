import Testing

@testable import KubeAPI

@Suite("Labels.Selector from matchLabels and matchExpressions")
struct LabelsSelectorExpressionTests {
    @Test func mapsEveryOperator() throws {
        let selector = try Labels.Selector(
            matchLabels: ["app": "web"],
            matchExpressions: [
                (key: "tier", operator: "In", values: ["frontend", "edge"]),
                (key: "env", operator: "NotIn", values: ["dev"]),
                (key: "team", operator: "Exists", values: []),
                (key: "canary", operator: "DoesNotExist", values: []),
            ])
        #expect(selector == (try Labels.Selector(parsing: "app=web,tier in (frontend,edge),env notin (dev),team,!canary")))
        #expect(selector.matches(["app": "web", "tier": "edge", "team": "a"]))
        #expect(!selector.matches(["app": "web", "tier": "edge", "team": "a", "canary": "1"]))
        #expect(!selector.matches(["app": "web", "tier": "edge", "team": "a", "env": "dev"]))
    }

    @Test func emptyIsEverything() throws {
        #expect(try Labels.Selector(matchLabels: [:], matchExpressions: []) == .everything)
    }

    @Test(arguments: [
        (
            "Equals", ["a"],
            #"invalid label selector "matchExpressions[0]: k Equals [a]": operator "Equals" is not In, NotIn, Exists or DoesNotExist"#
        ),
        ("In", [], #"invalid label selector "matchExpressions[0]: k In []": "in" needs at least one value"#),
        ("Exists", ["a"], #"invalid label selector "matchExpressions[0]: k Exists [a]": an existence test on "k" takes no values"#),
    ])
    func rejectsInvalidExpressions(op: String, values: [String], message: String) {
        #expect {
            try Labels.Selector(matchLabels: [:], matchExpressions: [(key: "k", operator: op, values: values)])
        } throws: { error in
            (error as? SelectorError)?.description == message && (error as? SelectorError)?.isInvalidOperator == true
        }
    }

    @Test func rejectsAnInvalidMatchLabelsValue() {
        #expect {
            try Labels.Selector(matchLabels: ["app": "not valid"], matchExpressions: [])
        } throws: { error in
            (error as? SelectorError)?.isInvalidValue == true
        }
    }
}
