import KubeSandbox
import Testing

@Suite("JSONPatch (RFC 6902)")
struct JSONPatchTests {
    /// RFC 6902 Appendix A, the examples that succeed. (A.13, a duplicate "op" member, cannot be expressed once
    /// the patch is parsed into a JSON value, so it is not here.)
    static let appendix: [PatchCase] = [
        PatchCase(
            name: "A.1 add an object member", original: #"{"foo":"bar"}"#, patch: #"[{"op":"add","path":"/baz","value":"qux"}]"#,
            expected: #"{"baz":"qux","foo":"bar"}"#),
        PatchCase(
            name: "A.2 add an array element", original: #"{"foo":["bar","baz"]}"#, patch: #"[{"op":"add","path":"/foo/1","value":"qux"}]"#,
            expected: #"{"foo":["bar","qux","baz"]}"#),
        PatchCase(
            name: "A.3 remove an object member", original: #"{"baz":"qux","foo":"bar"}"#, patch: #"[{"op":"remove","path":"/baz"}]"#,
            expected: #"{"foo":"bar"}"#),
        PatchCase(
            name: "A.4 remove an array element", original: #"{"foo":["bar","qux","baz"]}"#, patch: #"[{"op":"remove","path":"/foo/1"}]"#,
            expected: #"{"foo":["bar","baz"]}"#),
        PatchCase(
            name: "A.5 replace a value", original: #"{"baz":"qux","foo":"bar"}"#, patch: #"[{"op":"replace","path":"/baz","value":"boo"}]"#,
            expected: #"{"baz":"boo","foo":"bar"}"#),
        PatchCase(
            name: "A.6 move a value", original: #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
            patch: #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
            expected: #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        PatchCase(
            name: "A.7 move an array element", original: #"{"foo":["all","grass","cows","eat"]}"#,
            patch: #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, expected: #"{"foo":["all","cows","eat","grass"]}"#),
        PatchCase(
            name: "A.8 test a value", original: #"{"baz":"qux","foo":["a",2,"c"]}"#,
            patch: #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
            expected: #"{"baz":"qux","foo":["a",2,"c"]}"#),
        PatchCase(
            name: "A.10 add a nested member object", original: #"{"foo":"bar"}"#,
            patch: #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, expected: #"{"foo":"bar","child":{"grandchild":{}}}"#),
        PatchCase(
            name: "A.11 ignore unrecognized elements", original: #"{"foo":"bar"}"#,
            patch: #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, expected: #"{"foo":"bar","baz":"qux"}"#),
        PatchCase(
            name: "A.14 ~ escape ordering", original: #"{"/":9,"~1":10}"#, patch: #"[{"op":"test","path":"/~01","value":10}]"#,
            expected: #"{"/":9,"~1":10}"#),
        PatchCase(
            name: "A.16 add an array value", original: #"{"foo":["bar"]}"#, patch: #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#,
            expected: #"{"foo":["bar",["abc","def"]]}"#),
        PatchCase(
            name: "copy", original: #"{"a":{"b":[1]}}"#,
            patch: #"[{"op":"copy","from":"/a/b","path":"/c"},{"op":"add","path":"/c/-","value":2}]"#,
            expected: #"{"a":{"b":[1]},"c":[1,2]}"#),
        PatchCase(
            name: "add replaces an existing member and null is a value", original: #"{"a":1}"#,
            patch: #"[{"op":"add","path":"/a","value":null}]"#, expected: #"{"a":null}"#),
        PatchCase(
            name: "add at the end index", original: #"[1,2]"#, patch: #"[{"op":"add","path":"/2","value":3}]"#, expected: "[1,2,3]"),
        PatchCase(
            name: "replace the whole document", original: #"{"a":1}"#, patch: #"[{"op":"replace","path":"","value":[true]}]"#,
            expected: "[true]"),
        PatchCase(
            name: "move to the same place", original: #"{"a":1}"#, patch: #"[{"op":"move","from":"/a","path":"/a"}]"#, expected: #"{"a":1}"#
        ),
        PatchCase(
            name: "test an object ignores member order", original: #"{"a":{"x":1,"y":[2]}}"#,
            patch: #"[{"op":"test","path":"/a","value":{"y":[2],"x":1.0}}]"#, expected: #"{"a":{"x":1,"y":[2]}}"#),
        PatchCase(
            name: "metadata label through an escaped key", original: #"{"metadata":{"labels":{"app.kubernetes.io/name":"web"}}}"#,
            patch: #"[{"op":"replace","path":"/metadata/labels/app.kubernetes.io~1name","value":"api"}]"#,
            expected: #"{"metadata":{"labels":{"app.kubernetes.io/name":"api"}}}"#),
        PatchCase(name: "empty patch", original: #"{"a":1}"#, patch: "[]", expected: #"{"a":1}"#),
    ]

    @Test(arguments: appendix)
    func appliesOperations(_ testCase: PatchCase) throws {
        let result = try JSONPatch.apply(try json(testCase.patch), to: try json(testCase.original))
        #expect(result == (try json(testCase.expected)))
    }

    /// RFC 6901 section 5: every pointer of the example resolves to its value.
    @Test(arguments: [
        ("", nil as Int?), ("/foo/0", nil), ("/", 0), ("/a~1b", 1), ("/c%d", 2), ("/e^f", 3), ("/g|h", 4), (#"/i\j"#, 5),
        (#"/k"l"#, 6), ("/ ", 7), ("/m~0n", 8),
    ])
    func resolvesTheRFC6901Pointers(pointer: String, expected: Int?) throws {
        let document = try json(#"{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8}"#)
        let value: JSONValue =
            switch (pointer, expected) {
            case ("", _): document
            case ("/foo/0", _): .string("bar")
            case (_, let number?): .number(Double(number))
            default: .null
            }
        let test = JSONValue.array([.object(["op": .string("test"), "path": .string(pointer), "value": value])])
        #expect(try JSONPatch.apply(test, to: document) == document)
    }

    static let failing: [FailingPatchCase] = [
        FailingPatchCase(
            name: "A.9 test fails", original: #"{"baz":"qux","foo":["a",2,"c"]}"#, patch: #"[{"op":"test","path":"/baz","value":"bar"}]"#,
            message: #"cannot apply JSON patch at operations[0] (test "/baz"): found "qux", expected "bar""#),
        FailingPatchCase(
            name: "A.12 add to a nonexistent target", original: #"{"foo":"bar"}"#,
            patch: #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#,
            message: #"cannot apply JSON patch at operations[0] (add "/baz/bat"): "/baz/bat" does not exist"#),
        FailingPatchCase(
            name: "A.15 strings are not numbers", original: #"{"/":9,"~1":10}"#, patch: #"[{"op":"test","path":"/~01","value":"10"}]"#,
            message: #"cannot apply JSON patch at operations[0] (test "/~01"): found 10, expected "10""#),
        FailingPatchCase(
            name: "test of a missing path", original: "{}", patch: #"[{"op":"test","path":"/a","value":1}]"#,
            message: #"cannot apply JSON patch at operations[0] (test "/a"): "/a" does not exist"#),
        FailingPatchCase(
            name: "remove a missing member", original: #"{"a":1}"#,
            patch: #"[{"op":"test","path":"/a","value":1},{"op":"remove","path":"/b"}]"#,
            message: #"cannot apply JSON patch at operations[1] (remove "/b"): "/b" does not exist"#),
        FailingPatchCase(
            name: "replace a missing member", original: #"{"a":1}"#, patch: #"[{"op":"replace","path":"/b","value":2}]"#,
            message: #"cannot apply JSON patch at operations[0] (replace "/b"): "/b" does not exist"#),
        FailingPatchCase(
            name: "remove past the end", original: "[1]", patch: #"[{"op":"remove","path":"/1"}]"#,
            message: #"cannot apply JSON patch at operations[0] (remove "/1"): index 1 is out of bounds for an array of 1"#),
        FailingPatchCase(
            name: "add past the end", original: "[1]", patch: #"[{"op":"add","path":"/2","value":0}]"#,
            message: #"cannot apply JSON patch at operations[0] (add "/2"): index 2 is beyond the end of an array of 1"#),
        FailingPatchCase(
            name: "remove the append marker", original: "[1]", patch: #"[{"op":"remove","path":"/-"}]"#,
            message: #"cannot apply JSON patch at operations[0] (remove "/-"): "-" names no existing element"#),
        FailingPatchCase(
            name: "leading zero index", original: "[1,2]", patch: #"[{"op":"replace","path":"/01","value":0}]"#,
            message: #"cannot apply JSON patch at operations[0] (replace "/01"): "01" is not an array index"#),
        FailingPatchCase(
            name: "pointer without a slash", original: "{}", patch: #"[{"op":"add","path":"a","value":0}]"#,
            message: #"cannot apply JSON patch at operations[0] (add "a"): "a" is not a JSON pointer"#),
        FailingPatchCase(
            name: "bad tilde escape", original: "{}", patch: #"[{"op":"add","path":"/a~2","value":0}]"#,
            message: #"cannot apply JSON patch at operations[0] (add "/a~2"): "/a~2" is not a JSON pointer"#),
        FailingPatchCase(
            name: "unknown op", original: "{}", patch: #"[{"op":"frobnicate","path":"/a"}]"#,
            message: #"cannot apply JSON patch at operations[0]: unknown op "frobnicate""#),
        FailingPatchCase(
            name: "missing value", original: "{}", patch: #"[{"op":"add","path":"/a"}]"#,
            message: #"cannot apply JSON patch at operations[0] (add "/a"): "add" needs a "value""#),
        FailingPatchCase(
            name: "missing op", original: "{}", patch: #"[{"path":"/a"}]"#,
            message: #"cannot apply JSON patch at operations[0]: the operation has no "op" string"#),
        FailingPatchCase(
            name: "missing from", original: "{}", patch: #"[{"op":"copy","path":"/a"}]"#,
            message: #"cannot apply JSON patch at operations[0] (copy "/a"): "copy" needs a "from" string"#),
        FailingPatchCase(
            name: "copy from a missing path", original: "{}", patch: #"[{"op":"copy","from":"/x","path":"/a"}]"#,
            message: #"cannot apply JSON patch at operations[0] (copy "/a"): from "/x" does not exist"#),
        FailingPatchCase(
            name: "move into its own child", original: #"{"a":{"b":1}}"#, patch: #"[{"op":"move","from":"/a","path":"/a/c"}]"#,
            message: #"cannot apply JSON patch at operations[0] (move "/a/c"): cannot move "/a" into itself"#),
        FailingPatchCase(
            name: "operation that is not an object", original: "{}", patch: "[1]",
            message: "cannot apply JSON patch at operations[0]: an operation must be a JSON object"),
        FailingPatchCase(
            name: "path that is not a string", original: "{}", patch: #"[{"op":"add","path":1,"value":0}]"#,
            message: #"cannot apply JSON patch at operations[0] (add): the operation has no "path" string"#),
        FailingPatchCase(
            name: "step through a scalar", original: #"{"a":1}"#, patch: #"[{"op":"add","path":"/a/b","value":0}]"#,
            message: #"cannot apply JSON patch at operations[0] (add "/a/b"): "/a/b" does not exist"#),
        FailingPatchCase(
            name: "patch that is not an array", original: "{}", patch: #"{"op":"add"}"#,
            message: "cannot apply JSON patch: the patch must be a JSON array of operations"),
        FailingPatchCase(
            name: "remove the whole document", original: "{}", patch: #"[{"op":"remove","path":""}]"#,
            message: #"cannot apply JSON patch at operations[0] (remove ""): cannot remove the whole document"#),
    ]

    @Test(arguments: failing)
    func failsNamingTheOperation(_ testCase: FailingPatchCase) throws {
        let patch = try json(testCase.patch)
        let original = try json(testCase.original)
        #expect {
            try JSONPatch.apply(patch, to: original)
        } throws: { error in
            (error as? PatchError)?.description == testCase.message
        }
    }

    @Test func failureKindsAreDistinguishable() throws {
        func failure(_ patch: String, on original: String = #"{"a":[1]}"#) throws -> PatchError? {
            do {
                _ = try JSONPatch.apply(try json(patch), to: try json(original))
                return nil
            } catch let error as PatchError {
                return error
            }
        }
        #expect(try failure(#"[{"op":"test","path":"/a","value":2}]"#)?.isTestFailed == true)
        #expect(try failure(#"[{"op":"remove","path":"/b"}]"#)?.isPathNotFound == true)
        #expect(try failure(#"[{"op":"remove","path":"/a/3"}]"#)?.isIndexOutOfBounds == true)
        #expect(try failure(#"[{"op":"nope","path":"/a"}]"#)?.isMalformed == true)
    }
}
