import KubeSandbox
import Testing

@Suite("JSONMergePatch (RFC 7386)")
struct JSONMergePatchTests {
    /// RFC 7386 Appendix A, every row.
    static let appendix: [PatchCase] = [
        PatchCase(name: "A.1 replace member", original: #"{"a":"b"}"#, patch: #"{"a":"c"}"#, expected: #"{"a":"c"}"#),
        PatchCase(name: "A.2 add member", original: #"{"a":"b"}"#, patch: #"{"b":"c"}"#, expected: #"{"a":"b","b":"c"}"#),
        PatchCase(name: "A.3 null deletes", original: #"{"a":"b"}"#, patch: #"{"a":null}"#, expected: #"{}"#),
        PatchCase(name: "A.4 null deletes one", original: #"{"a":"b","b":"c"}"#, patch: #"{"a":null}"#, expected: #"{"b":"c"}"#),
        PatchCase(name: "A.5 string replaces array", original: #"{"a":["b"]}"#, patch: #"{"a":"c"}"#, expected: #"{"a":"c"}"#),
        PatchCase(name: "A.6 array replaces string", original: #"{"a":"c"}"#, patch: #"{"a":["b"]}"#, expected: #"{"a":["b"]}"#),
        PatchCase(
            name: "A.7 nested merge", original: #"{"a":{"b":"c"}}"#, patch: #"{"a":{"b":"d","c":null}}"#, expected: #"{"a":{"b":"d"}}"#),
        PatchCase(name: "A.8 arrays are replaced", original: #"{"a":[{"b":"c"}]}"#, patch: #"{"a":[1]}"#, expected: #"{"a":[1]}"#),
        PatchCase(name: "A.9 array replaces array", original: #"["a","b"]"#, patch: #"["c","d"]"#, expected: #"["c","d"]"#),
        PatchCase(name: "A.10 array replaces object", original: #"{"a":"b"}"#, patch: #"["c"]"#, expected: #"["c"]"#),
        PatchCase(name: "A.11 null replaces document", original: #"{"a":"foo"}"#, patch: "null", expected: "null"),
        PatchCase(name: "A.12 string replaces document", original: #"{"a":"foo"}"#, patch: #""bar""#, expected: #""bar""#),
        PatchCase(name: "A.13 target nulls survive", original: #"{"e":null}"#, patch: #"{"a":1}"#, expected: #"{"e":null,"a":1}"#),
        PatchCase(name: "A.14 object replaces array", original: "[1,2]", patch: #"{"a":"b","c":null}"#, expected: #"{"a":"b"}"#),
        PatchCase(
            name: "A.15 nulls in new objects vanish", original: "{}", patch: #"{"a":{"bb":{"ccc":null}}}"#, expected: #"{"a":{"bb":{}}}"#),
        PatchCase(
            name: "section 3 example",
            original:
                #"{"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"}"#,
            patch: #"{"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}"#,
            expected:
                #"{"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}"#
        ),
    ]

    @Test(arguments: appendix)
    func appliesTheRFCExamples(_ testCase: PatchCase) throws {
        let result = JSONMergePatch.apply(try json(testCase.patch), to: try json(testCase.original))
        #expect(result == (try json(testCase.expected)))
    }

    @Test func labelsMergeAndDeleteOnAnObject() throws {
        let pod = try json(#"{"metadata":{"name":"web-0","labels":{"app":"web","tier":"frontend"}},"spec":{"nodeName":"n1"}}"#)
        let patch = try json(#"{"metadata":{"labels":{"tier":null,"chaos":"victim"}}}"#)
        let expected = try json(#"{"metadata":{"name":"web-0","labels":{"app":"web","chaos":"victim"}},"spec":{"nodeName":"n1"}}"#)
        #expect(JSONMergePatch.apply(patch, to: pod) == expected)
    }
}
