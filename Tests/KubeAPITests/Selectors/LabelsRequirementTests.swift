import Testing

@testable import KubeAPI

@Suite("Labels.Requirement")
struct LabelsRequirementTests {
    @Test(arguments: [
        (Labels.Operator.equals, ["a"], "k=a"),
        (.notEquals, ["a"], "k!=a"),
        (.in, ["b", "a", "b"], "k in (a,b)"),
        (.notIn, ["a"], "k notin (a)"),
        (.exists, [], "k"),
        (.doesNotExist, [], "!k"),
    ])
    func buildsAndRendersEachOperator(op: Labels.Operator, values: [String], rendered: String) throws {
        let requirement = try Labels.Requirement(key: "k", operator: op, values: values)
        #expect(requirement.description == rendered)
        #expect(try Labels.Selector(parsing: rendered).requirements == [requirement])
    }

    @Test(arguments: [
        (Labels.Operator.equals, ["a", "b"], #"invalid label selector "k=a,b": "=" needs exactly one value"#),
        (.notEquals, [], #"invalid label selector "k!=": "!=" needs exactly one value"#),
        (.notIn, [], #"invalid label selector "k notin ()": "notin" needs at least one value"#),
        (.doesNotExist, ["a"], #"invalid label selector "!k": an existence test on "k" takes no values"#),
    ])
    func rejectsValuesThatDoNotFitTheOperator(op: Labels.Operator, values: [String], message: String) {
        #expect {
            try Labels.Requirement(key: "k", operator: op, values: values)
        } throws: { error in
            (error as? SelectorError)?.description == message && (error as? SelectorError)?.isInvalidOperator == true
        }
    }

    @Test func selectorFromRequirementsEqualsTheParsedOne() throws {
        let built = Labels.Selector([
            try Labels.Requirement(key: "tier", operator: .notIn, values: ["db"]),
            try Labels.Requirement(key: "app", operator: .equals, values: ["web"]),
        ])
        #expect(built == (try Labels.Selector(parsing: "app=web,tier notin (db)")))
        #expect(built.description == "app=web,tier notin (db)")
    }
}
