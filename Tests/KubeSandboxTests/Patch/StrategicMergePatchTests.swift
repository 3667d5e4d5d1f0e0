import KubeSandbox
import Testing

@Suite("StrategicMergePatch")
struct StrategicMergePatchTests {
    static let template = #"""
        {"spec":{
           "containers":[
             {"name":"app","image":"web:1","args":["--a"],"ports":[{"containerPort":80,"protocol":"TCP"}],
              "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
             {"name":"sidecar","image":"proxy:1"},
             {"name":"metrics","image":"exporter:1"}],
           "tolerations":[{"key":"k1","operator":"Exists"}]}}
        """#

    static let deployment = #"""
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","labels":{"app":"web","tier":"frontend"},"annotations":{"note":"x"},"finalizers":["a/one"]},
         "spec":{"replicas":3,"template":\#(template)},
         "status":{"replicas":3,"conditions":[
           {"type":"Available","status":"True","reason":"MinimumReplicasAvailable"},
           {"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
        """#

    static let cases: [PatchCase] = [
        PatchCase(
            name: "labels and annotations merge, null deletes", original: deployment,
            patch: #"{"metadata":{"labels":{"tier":null,"chaos":"victim"},"annotations":{"note":null}}}"#,
            expected: #"{"metadata":{"name":"web","labels":{"app":"web","chaos":"victim"},"annotations":{},"finalizers":["a/one"]}}"#),
        PatchCase(
            name: "spec.replicas changes alone", original: deployment, patch: #"{"spec":{"replicas":5}}"#,
            expected: #"{"spec":{"replicas":5,"template":\#(template)}}"#),
        PatchCase(
            name: "status changes", original: deployment,
            patch:
                #"{"status":{"readyReplicas":2,"conditions":[{"type":"Available","status":"False","reason":"MinimumReplicasUnavailable"}]}}"#,
            expected: #"""
                {"status":{"replicas":3,"readyReplicas":2,"conditions":[
                  {"type":"Available","status":"False","reason":"MinimumReplicasUnavailable"},
                  {"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
                """#),
        PatchCase(
            name: "conditions merge by type, ordered as the API server orders them", original: deployment,
            patch: #"{"status":{"conditions":[{"type":"ReplicaFailure","status":"True"},{"type":"Progressing","reason":null}]}}"#,
            expected: #"""
                {"status":{"replicas":3,"conditions":[
                  {"type":"ReplicaFailure","status":"True"},
                  {"type":"Available","status":"True","reason":"MinimumReplicasAvailable"},
                  {"type":"Progressing","status":"True"}]}}
                """#),
        PatchCase(
            name: "containers merge by name: change, add, delete", original: deployment,
            patch: #"""
                {"spec":{"template":{"spec":{"containers":[
                  {"name":"app","image":"web:2"},
                  {"name":"debug","image":"busybox"},
                  {"name":"sidecar","$patch":"delete"}]}}}}
                """#,
            expected: #"""
                {"spec":{"replicas":3,"template":{"spec":{
                  "containers":[
                    {"name":"app","image":"web:2","args":["--a"],"ports":[{"containerPort":80,"protocol":"TCP"}],
                     "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
                    {"name":"debug","image":"busybox"},
                    {"name":"metrics","image":"exporter:1"}],
                  "tolerations":[{"key":"k1","operator":"Exists"}]}}}}
                """#),
        PatchCase(
            name: "nested env by name and ports by containerPort", original: deployment,
            patch: #"""
                {"spec":{"template":{"spec":{"containers":[
                  {"name":"app","env":[{"name":"B","value":"3"},{"name":"A","$patch":"delete"}],
                   "ports":[{"containerPort":80,"name":"http"},{"containerPort":9090}]}]}}}}
                """#,
            expected: #"""
                {"spec":{"replicas":3,"template":{"spec":{
                  "containers":[
                    {"name":"app","image":"web:1","args":["--a"],
                     "ports":[{"containerPort":80,"protocol":"TCP","name":"http"},{"containerPort":9090}],
                     "env":[{"name":"B","value":"3"}]},
                    {"name":"sidecar","image":"proxy:1"},
                    {"name":"metrics","image":"exporter:1"}],
                  "tolerations":[{"key":"k1","operator":"Exists"}]}}}}
                """#),
        PatchCase(
            name: "$patch: replace on a list", original: deployment,
            patch: #"{"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"solo:1"}]}}}}"#,
            expected: #"""
                {"spec":{"replicas":3,"template":{"spec":{
                  "containers":[{"name":"only","image":"solo:1"}],
                  "tolerations":[{"key":"k1","operator":"Exists"}]}}}}
                """#),
        PatchCase(
            name: "$patch: replace on a map", original: deployment,
            patch: #"{"metadata":{"labels":{"$patch":"replace","fresh":"yes"}}}"#,
            expected: #"{"metadata":{"name":"web","labels":{"fresh":"yes"},"annotations":{"note":"x"},"finalizers":["a/one"]}}"#),
        PatchCase(
            name: "$patch: delete on a map empties it", original: deployment, patch: #"{"metadata":{"annotations":{"$patch":"delete"}}}"#,
            expected: #"{"metadata":{"name":"web","labels":{"app":"web","tier":"frontend"},"annotations":{},"finalizers":["a/one"]}}"#),
        PatchCase(
            name: "primitive lists and lists without a merge key are replaced", original: deployment,
            patch: #"""
                {"spec":{"template":{"spec":{"containers":[{"name":"app","args":["--b","--c"]}],
                  "tolerations":[{"key":"k2","operator":"Equal","value":"v"}]}}}}
                """#,
            expected: #"""
                {"spec":{"replicas":3,"template":{"spec":{
                  "containers":[
                    {"name":"app","image":"web:1","args":["--b","--c"],"ports":[{"containerPort":80,"protocol":"TCP"}],
                     "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
                    {"name":"sidecar","image":"proxy:1"},
                    {"name":"metrics","image":"exporter:1"}],
                  "tolerations":[{"key":"k2","operator":"Equal","value":"v"}]}}}}
                """#),
        PatchCase(
            name: "$setElementOrder orders the merged list", original: deployment,
            patch: #"""
                {"spec":{"template":{"spec":{
                  "$setElementOrder/containers":[{"name":"metrics"},{"name":"app"},{"name":"sidecar"}],
                  "containers":[{"name":"metrics","image":"exporter:2"}]}}}}
                """#,
            expected: #"""
                {"spec":{"replicas":3,"template":{"spec":{
                  "containers":[
                    {"name":"metrics","image":"exporter:2"},
                    {"name":"app","image":"web:1","args":["--a"],"ports":[{"containerPort":80,"protocol":"TCP"}],
                     "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
                    {"name":"sidecar","image":"proxy:1"}],
                  "tolerations":[{"key":"k1","operator":"Exists"}]}}}}
                """#),
        PatchCase(
            name: "$setElementOrder keeps a server-only element between its neighbours",
            original: #"{"spec":{"containers":[{"name":"a"},{"name":"injected"},{"name":"b","image":"1"}]}}"#,
            patch: #"{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"b","image":"2"}]}}"#,
            expected: #"{"spec":{"containers":[{"name":"a"},{"name":"injected"},{"name":"b","image":"2"}]}}"#),
        PatchCase(
            name: "$setElementOrder reversing the list puts server-only elements by their original neighbours",
            original: #"{"spec":{"containers":[{"name":"a"},{"name":"injected"},{"name":"b"}]}}"#,
            patch: #"{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}"#,
            expected: #"{"spec":{"containers":[{"name":"injected"},{"name":"b"},{"name":"a"}]}}"#),
        PatchCase(
            name: "patch order decides the order of the elements it names",
            original: #"{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}"#,
            patch: #"{"spec":{"containers":[{"name":"c","image":"x"},{"name":"a","image":"y"}]}}"#,
            expected: #"{"spec":{"containers":[{"name":"b"},{"name":"c","image":"x"},{"name":"a","image":"y"}]}}"#),
        PatchCase(
            name: "finalizers merge as a set, $deleteFromPrimitiveList removes", original: deployment,
            patch: #"{"metadata":{"finalizers":["a/one","b/two"],"$deleteFromPrimitiveList/finalizers":["a/one"]}}"#,
            expected:
                #"{"metadata":{"name":"web","labels":{"app":"web","tier":"frontend"},"annotations":{"note":"x"},"finalizers":["b/two"]}}"#),
        PatchCase(
            name: "finalizers union puts new patch values before server-only ones", original: deployment,
            patch: #"{"metadata":{"finalizers":["b/two"]}}"#,
            expected:
                #"{"metadata":{"name":"web","labels":{"app":"web","tier":"frontend"},"annotations":{"note":"x"},"finalizers":["b/two","a/one"]}}"#
        ),
        PatchCase(
            name: "$retainKeys drops fields not listed",
            original: #"{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}"#,
            patch: #"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#,
            expected: #"{"spec":{"strategy":{"type":"Recreate"}}}"#),
        PatchCase(
            name: "Service ports merge by port", original: #"{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}"#,
            patch: #"{"spec":{"ports":[{"port":80,"targetPort":9090}]}}"#,
            expected: #"{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443}]}}"#),
        PatchCase(
            name: "ownerReferences merge by uid",
            original: #"{"metadata":{"ownerReferences":[{"uid":"u1","kind":"ReplicaSet","name":"rs1"}]}}"#,
            patch: #"{"metadata":{"ownerReferences":[{"uid":"u1","controller":true},{"uid":"u2","kind":"Job","name":"j"}]}}"#,
            expected:
                #"{"metadata":{"ownerReferences":[{"uid":"u1","kind":"ReplicaSet","name":"rs1","controller":true},{"uid":"u2","kind":"Job","name":"j"}]}}"#
        ),
        PatchCase(
            name: "volumeMounts merge by mountPath",
            original: #"{"spec":{"containers":[{"name":"c","volumeMounts":[{"mountPath":"/data","name":"d"}]}]}}"#,
            patch:
                #"{"spec":{"containers":[{"name":"c","volumeMounts":[{"mountPath":"/data","readOnly":true},{"mountPath":"/tmp","name":"t"}]}]}}"#,
            expected:
                #"{"spec":{"containers":[{"name":"c","volumeMounts":[{"mountPath":"/data","name":"d","readOnly":true},{"mountPath":"/tmp","name":"t"}]}]}}"#
        ),
        PatchCase(
            name: "new fields take the patch without its nulls and directives", original: #"{"metadata":{"name":"p"}}"#,
            patch:
                #"{"metadata":{"labels":{"a":"1","b":null}},"spec":{"containers":[{"name":"x","$patch":"delete"},{"name":"c","image":"i"}]}}"#,
            expected: #"{"metadata":{"name":"p","labels":{"a":"1"}},"spec":{"containers":[{"name":"c","image":"i"}]}}"#),
        PatchCase(name: "empty patch changes nothing", original: deployment, patch: "{}", expected: "{}"),
    ]

    /// Each expected document spells out only the top-level sections the patch touches; the others must be unchanged.
    @Test(arguments: cases)
    func appliesKubectlStylePatches(_ testCase: PatchCase) throws {
        let original = try json(testCase.original)
        let result = try StrategicMergePatch.apply(try json(testCase.patch), to: original)
        let expected = try json(testCase.expected)
        let sections = Set((original.objectValue ?? [:]).keys).union((result.objectValue ?? [:]).keys)
        for section in sections.sorted() {
            #expect(result[section] == (expected[section] ?? original[section]), "section \(section)")
        }
    }

    static let failing: [FailingPatchCase] = [
        FailingPatchCase(
            name: "element without its merge key", original: deployment,
            patch: #"{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#,
            message:
                #"cannot apply strategic merge patch at "spec.template.spec.containers": an element has no merge key "name": {"image":"x"}"#
        ),
        FailingPatchCase(
            name: "delete directive without its merge key", original: deployment,
            patch: #"{"status":{"conditions":[{"$patch":"delete"}]}}"#,
            message: #"cannot apply strategic merge patch at "status.conditions": a $patch: delete element has no merge key "type""#),
        FailingPatchCase(
            name: "unknown map directive", original: deployment, patch: #"{"metadata":{"labels":{"$patch":"shuffle"}}}"#,
            message: #"cannot apply strategic merge patch at "metadata.labels": unknown $patch directive "shuffle""#),
        FailingPatchCase(
            name: "unknown list directive", original: deployment, patch: #"{"status":{"conditions":[{"$patch":"merge"}]}}"#,
            message: #"cannot apply strategic merge patch at "status.conditions": unknown $patch directive "merge" in a list"#),
        FailingPatchCase(
            name: "scalar in a merge-key list", original: deployment, patch: #"{"spec":{"template":{"spec":{"containers":["app"]}}}}"#,
            message:
                #"cannot apply strategic merge patch at "spec.template.spec.containers": the list merges by "name" but the patch holds "app""#
        ),
        FailingPatchCase(
            name: "field outside $retainKeys", original: "{}", patch: #"{"spec":{"$retainKeys":["type"],"other":1}}"#,
            message: #"cannot apply strategic merge patch at "spec": field "other" is set but not listed in $retainKeys"#),
        FailingPatchCase(
            name: "$setElementOrder that is not a list", original: "{}", patch: #"{"spec":{"$setElementOrder/containers":{"name":"a"}}}"#,
            message: #"cannot apply strategic merge patch at "spec": $setElementOrder/containers must be a list"#),
        FailingPatchCase(
            name: "$retainKeys with a number", original: "{}", patch: #"{"spec":{"$retainKeys":[1]}}"#,
            message: #"cannot apply strategic merge patch at "spec": $retainKeys must list field names"#),
        FailingPatchCase(
            name: "$patch that is not a string", original: "{}", patch: #"{"$patch":5}"#,
            message: #"cannot apply strategic merge patch at the root: unknown $patch directive 5"#),
        FailingPatchCase(
            name: "patch that is not an object", original: "{}", patch: "[]",
            message: "cannot apply strategic merge patch: the patch must be a JSON object"),
    ]

    @Test(arguments: failing)
    func rejectsPatchesThatContradictTheObject(_ testCase: FailingPatchCase) throws {
        let patch = try json(testCase.patch)
        let original = try json(testCase.original)
        #expect {
            try StrategicMergePatch.apply(patch, to: original)
        } throws: { error in
            (error as? PatchError)?.description == testCase.message
        }
    }
}
