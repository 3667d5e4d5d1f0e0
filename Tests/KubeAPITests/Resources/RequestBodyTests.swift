import Foundation
import KubeAPI
import Testing

@Suite("Request bodies decode, and the bodies the tool builds encode to the same JSON")
struct RequestBodyTests {
    static let evictionRequests: [(file: String, pod: String)] = [
        ("eviction-201.json", "nginx-747d4c55d8-b2w8h"),
        ("eviction-429-pdb.json", "nginx-747d4c55d8-b2w8h"),
        ("eviction-429-pdb-chaos-user.json", "nginx-747d4c55d8-b2w8h"),
        ("status-404-eviction-no-such-pod.json", "no-such-pod"),
    ]

    static let podRequests: [(file: String, name: String, containers: Int)] = [
        ("pod-create-201.json", "fixture-pod", 1),
        ("status-403-forbidden-create-pod.json", "x", 1),
        ("status-409-already-exists.json", "fixture-pod", 1),
        ("status-409-conflict-stale-resourceversion.json", "fixture-pod", 1),
        ("status-422-invalid.json", "Bad_Name", 0),
    ]

    static let deleteRequests: [(file: String, options: DeleteOptions)] = [
        ("pod-delete-grace0-200.json", DeleteOptions(gracePeriodSeconds: 0)),
        (
            "status-409-delete-uid-precondition.json",
            DeleteOptions(preconditions: .init(uid: "00000000-0000-0000-0000-000000000000"))
        ),
    ]

    /// Bodies that are not typed objects: a merge patch, an empty patch and deliberately broken JSON.
    static let otherRequests = [
        "deployment-scale-patch.json", "event-create-201.json", "status-405-method-not-allowed.json", "status-400-bad-json.json",
    ]

    private func encoded(_ value: some Encodable) throws -> JSONTree {
        try JSONTree(KubeJSON.encoder().encode(value))
    }

    @Test(arguments: evictionRequests)
    func eviction(file: String, pod: String) throws {
        let body = try Fixtures.request(file)
        let eviction = try KubeJSON.decoder().decode(Eviction.self, from: body)
        #expect(eviction.kind == Eviction.kind)
        #expect(eviction.apiVersion == Eviction.apiVersion)
        #expect(eviction.metadata.name == pod)
        #expect(eviction.metadata.namespace == "demo")
        #expect(eviction.deleteOptions == nil)
        #expect(try encoded(Eviction(podName: pod, namespace: "demo")) == JSONTree(body))
    }

    @Test(arguments: podRequests)
    func pod(file: String, name: String, containers: Int) throws {
        let pod = try KubeJSON.decoder().decode(Pod.self, from: Fixtures.request(file))
        #expect(pod.kind == Pod.resource.kind)
        #expect(pod.name == name)
        #expect(pod.spec?.containers?.count == containers)
    }

    @Test(arguments: deleteRequests)
    func deleteOptions(file: String, options: DeleteOptions) throws {
        let body = try Fixtures.request(file)
        #expect(try KubeJSON.decoder().decode(DeleteOptions.self, from: body) == options)
        #expect(try encoded(options) == JSONTree(body))
    }

    @Test func scalePatch() throws {
        let body = try Fixtures.request("deployment-scale-patch.json")
        let patch = try KubeJSON.decoder().decode(Scale.self, from: body)
        #expect(patch.spec?.replicas == 3)
        #expect(patch.metadata == nil)
        #expect(patch.kind == nil)
    }

    @Test func eventMatchesTheOneTheServerAccepted() throws {
        let body = try Fixtures.request("event-create-201.json")
        let event = Event(
            metadata: ObjectMeta(generateName: "pod-chaos-", namespace: "demo"),
            eventTime: MicroTime("2026-11-25T11:54:21.526560Z"),
            reportingController: "example.com/pod-chaos",
            reportingInstance: "pod-chaos-harness",
            action: "DeletePod",
            reason: "ChaosPodKilled",
            regarding: ObjectReference(
                apiVersion: "v1", kind: "Pod", namespace: "demo", name: "nginx-747d4c55d8-78m8s",
                uid: "bf225557-1c1c-49ea-956f-12c61e28fa5f"),
            note: "pod demo/nginx-747d4c55d8-78m8s deleted by chaos experiment",
            type: Event.normal)
        #expect(event.eventTime != nil)
        #expect(try encoded(event) == JSONTree(body))
        #expect(try KubeJSON.decoder().decode(Event.self, from: body) == event)
    }

    @Test func emptyPatchIsAnEmptyObject() throws {
        #expect(try JSONTree(Fixtures.request("status-405-method-not-allowed.json")) == .object([:]))
    }

    @Test func brokenJSONDoesNotDecode() throws {
        let body = try Fixtures.request("status-400-bad-json.json")
        #expect(throws: DecodingError.self) { try KubeJSON.decoder().decode(Pod.self, from: body) }
    }

    @Test func everyRequestBodyIsCovered() throws {
        let folder = try Fixtures.url("README.md").deletingLastPathComponent().appendingPathComponent("requests")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let covered =
            Self.evictionRequests.map(\.file) + Self.podRequests.map(\.file) + Self.deleteRequests.map(\.file) + Self.otherRequests
        #expect(!files.isEmpty)
        #expect(Set(files) == Set(covered))
    }

    @Test func evictionWithDeleteOptionsNestsThem() throws {
        let eviction = Eviction(
            podName: "web-1", namespace: "demo",
            deleteOptions: DeleteOptions(gracePeriodSeconds: 5, preconditions: .init(uid: "u-1", resourceVersion: "42"), dryRun: ["All"]))
        let tree = try encoded(eviction)
        let options = try #require(tree["deleteOptions"])
        #expect(options["gracePeriodSeconds"] == .number(5))
        #expect(options["preconditions"] == .object(["uid": .string("u-1"), "resourceVersion": .string("42")]))
        #expect(options["dryRun"] == .array([.string("All")]))
        #expect(options["propagationPolicy"] == nil)
        #expect(try KubeJSON.decoder().decode(Eviction.self, from: KubeJSON.encoder().encode(eviction)) == eviction)
    }

    @Test(arguments: [DeleteOptions.PropagationPolicy.background, .foreground, .orphan])
    func propagationPolicyEncodesAsItsName(policy: DeleteOptions.PropagationPolicy) throws {
        let tree = try encoded(DeleteOptions(propagationPolicy: policy))
        #expect(tree["propagationPolicy"] == .string(policy.rawValue))
        #expect(tree["kind"] == .string("DeleteOptions"))
        #expect(tree["gracePeriodSeconds"] == nil)
    }
}
