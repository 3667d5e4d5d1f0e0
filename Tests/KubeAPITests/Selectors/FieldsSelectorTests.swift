import Testing

@testable import KubeAPI

@Suite("Fields.Selector")
struct FieldsSelectorTests {
    @Test(arguments: [
        ("", [] as [String]),
        (",", []),
        ("metadata.name=web-0", ["metadata.name", "=", "web-0"]),
        ("metadata.name==web-0", ["metadata.name", "=", "web-0"]),
        ("status.phase!=Running", ["status.phase", "!=", "Running"]),
        ("spec.nodeName=", ["spec.nodeName", "=", ""]),
        (" status.phase = Running", [" status.phase ", "=", " Running"]),
        (#"metadata.name=a\,b"#, ["metadata.name", "=", "a,b"]),
        (#"metadata.name=a\=b"#, ["metadata.name", "=", "a=b"]),
        (#"metadata.name=a\\b"#, ["metadata.name", "=", #"a\b"#]),
        ("status.phase=Running,", ["status.phase", "=", "Running"]),
    ])
    func parsesOneTerm(text: String, expected: [String]) throws {
        let selector = try Fields.Selector(parsing: text)
        #expect(selector.requirements.map { [$0.field, $0.operator.rawValue, $0.value] } == (expected.isEmpty ? [] : [expected]))
    }

    @Test func parsesTermsInCanonicalOrder() throws {
        let selector = try Fields.Selector(parsing: "status.phase!=Failed,metadata.namespace=prod,spec.nodeName==node-1")
        #expect(selector.requirements.map(\.field) == ["metadata.namespace", "spec.nodeName", "status.phase"])
        #expect(selector.description == "metadata.namespace=prod,spec.nodeName=node-1,status.phase!=Failed")
        #expect(selector == (try Fields.Selector(parsing: "spec.nodeName=node-1,status.phase!=Failed,metadata.namespace=prod")))
    }

    @Test(arguments: [
        "metadata.name=web-0", #"metadata.name=a\,b\=c\\d"#, "a=1,b!=2", "", "spec.nodeName=",
    ])
    func descriptionParsesBackToAnEqualSelector(text: String) throws {
        let selector = try Fields.Selector(parsing: text)
        #expect(try Fields.Selector(parsing: selector.description) == selector)
    }

    @Test func descriptionEscapesValues() {
        let selector = Fields.Selector([Fields.Requirement(field: "metadata.name", operator: .equals, value: #"a,b=c\d"#)])
        #expect(selector.description == #"metadata.name=a\,b\=c\\d"#)
    }

    @Test(arguments: [
        // selector, matches running pod on node-1, matches pending pod without a node
        ("", true, true),
        ("status.phase=Running", true, false),
        ("status.phase!=Running", false, true),
        ("spec.nodeName=node-1,status.phase=Running", true, false),
        ("spec.nodeName=", false, true),
        ("spec.nodeName!=", true, false),
        ("metadata.name=web-0,status.phase!=Pending", true, false),
    ])
    func matchesThroughTheLookup(text: String, running: Bool, pending: Bool) throws {
        let selector = try Fields.Selector(parsing: text)
        let runningPod = ["metadata.name": "web-0", "status.phase": "Running", "spec.nodeName": "node-1"]
        let pendingPod = ["metadata.name": "web-1", "status.phase": "Pending"]
        #expect(selector.matches { runningPod[$0] } == running)
        #expect(selector.matches { pendingPod[$0] } == pending)
    }

    @Test(arguments: [
        ("status.phase", #"invalid field selector "status.phase": term "status.phase" has no "=", "==" or "!=""#),
        ("a=b,c", #"invalid field selector "a=b,c": term "c" has no "=", "==" or "!=""#),
        ("=Running", #"invalid field selector "=Running": term "=Running" has no field name"#),
        (#"a=b\c"#, #"invalid field selector "a=b\\c": invalid escape sequence "\\c" in value "b\\c""#),
        (#"a=b\"#, #"invalid field selector "a=b\\": value "b\\" ends with a lone backslash"#),
        ("a=b=c", #"invalid field selector "a=b=c": value "b=c" has an unescaped "=""#),
        ("  ", #"invalid field selector "  ": term "  " has no "=", "==" or "!=""#),
    ])
    func rejectsWithAMessage(text: String, message: String) {
        #expect {
            try Fields.Selector(parsing: text)
        } throws: { error in
            guard let error = error as? SelectorError else { return false }
            return error.kind == .field && error.description == message
        }
    }
}
