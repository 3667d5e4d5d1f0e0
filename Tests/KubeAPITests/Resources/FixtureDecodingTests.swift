import Foundation
import KubeAPI
import Testing

@Suite("Captured response bodies decode into their types")
struct FixtureDecodingTests {
    private func date(_ text: String) throws -> Date {
        try #require(KubeJSON.parseTimestamp(text))
    }

    @Test func podListHasEveryPodAndItsResourceVersion() throws {
        let list = try Fixtures.decode(ObjectList<Pod>.self, from: "podlist.json")
        #expect(list.kind == "PodList")
        #expect(list.metadata.resourceVersion == "361")
        #expect(list.metadata.continue == nil)
        #expect(list.items.count == 3)
        for pod in list.items {
            #expect(pod.namespace == "demo")
            #expect(pod.metadata.controller?.kind == "ReplicaSet")
            #expect(pod.metadata.labels?["app"] == "nginx")
        }
    }

    @Test func limitedPodListCarriesContinueToken() throws {
        let list = try Fixtures.decode(ObjectList<Pod>.self, from: "podlist-limit1-continue.json")
        #expect(list.items.count == 1)
        #expect(list.metadata.remainingItemCount == 2)
        let token = try #require(list.metadata.continue)
        #expect(token.hasPrefix("eyJ2IjoibWV0YS5rOHMuaW8vdjEi"))
        // The token is base64 JSON that names the resourceVersion of the list it continues.
        let padded = token + String(repeating: "=", count: (4 - token.count % 4) % 4)
        let decoded = try #require(Data(base64Encoded: padded))
        #expect(String(decoding: decoded, as: UTF8.self).contains("\"rv\":361"))
    }

    @Test func podCarriesSpecStatusAndControllerOwner() throws {
        let pod = try Fixtures.decode(Pod.self, from: "pod.json")
        #expect(pod.kind == Pod.resource.kind)
        #expect(pod.apiVersion == Pod.resource.apiVersion)
        #expect(pod.name == "nginx-747d4c55d8-b2w8h")
        #expect(pod.metadata.generateName == "nginx-747d4c55d8-")
        #expect(pod.metadata.creationTimestamp == (try date("2026-11-25T11:54:13Z")))
        let owner = try #require(pod.metadata.controller)
        #expect(owner.apiVersion == "apps/v1")
        #expect(owner.kind == "ReplicaSet")
        #expect(owner.name == "nginx-747d4c55d8")
        #expect(owner.uid == "87ecc918-554c-4944-9264-e0944dd98b7e")
        #expect(owner.blockOwnerDeletion == true)

        let spec = try #require(pod.spec)
        #expect(spec.nodeName == "fake-node-1")
        #expect(spec.containers == [Container(name: "nginx", image: "nginx:1.27")])
        #expect(spec.terminationGracePeriodSeconds == 30)
        #expect(spec.serviceAccountName == "default")
        #expect(spec.schedulerName == "default-scheduler")
        #expect(spec.priority == 0)

        let status = try #require(pod.status)
        #expect(status.phase == .running)
        #expect(status.podIP == "198.18.0.6")
        #expect(status.startTime == (try date("2026-11-25T11:54:13Z")))
        #expect(status.conditions?.count == 5)
        #expect(status.conditions?[type: "Ready"]?.lastTransitionTime == (try date("2026-11-25T11:54:15Z")))
        let container = try #require(status.containerStatuses?.first)
        #expect(container.name == "nginx")
        #expect(container.ready == true)
        #expect(container.started == true)
        #expect(container.restartCount == 0)
        #expect(container.state?.running?.startedAt == (try date("2026-11-25T11:54:14Z")))
        #expect(container.lastState == ContainerState())
        #expect(pod.isReady)
        #expect(!pod.isTerminating)
        #expect(!pod.isMirror)
    }

    @Test(arguments: [("deployment-scale.json", "360"), ("deployment-scale-patch.json", "362")])
    func scaleOfDeployment(file: String, resourceVersion: String) throws {
        let scale = try Fixtures.decode(Scale.self, from: file)
        #expect(scale.kind == Scale.kind)
        #expect(scale.apiVersion == Scale.apiVersion)
        #expect(scale.metadata?.name == "nginx")
        #expect(scale.metadata?.resourceVersion == resourceVersion)
        #expect(scale.spec?.replicas == 3)
        #expect(scale.status?.replicas == 3)
        #expect(scale.status?.selector == "app=nginx")
    }

    @Test func podDisruptionBudgetReportsItsBudget() throws {
        let pdb = try Fixtures.decode(PodDisruptionBudget.self, from: "pdb.json")
        #expect(pdb.kind == PodDisruptionBudget.resource.kind)
        #expect(pdb.apiVersion == PodDisruptionBudget.resource.apiVersion)
        #expect(pdb.name == "nginx-pdb")
        #expect(pdb.spec?.minAvailable == .int(3))
        #expect(pdb.spec?.maxUnavailable == nil)
        #expect(pdb.spec?.selector == LabelSelector(matchLabels: ["app": "nginx"]))
        let status = try #require(pdb.status)
        #expect(status.disruptionsAllowed == 0)
        #expect(status.currentHealthy == 3)
        #expect(status.desiredHealthy == 3)
        #expect(status.expectedPods == 3)
        #expect(status.observedGeneration == pdb.metadata.generation)
        #expect(status.disruptedPods == nil)
        let condition = try #require(status.conditions?[type: "DisruptionAllowed"])
        #expect(!condition.isTrue)
        #expect(condition.reason == "InsufficientPods")
        #expect(condition.observedGeneration == 1)
    }

    @Test func createdPodIsPending() throws {
        let pod = try Fixtures.decode(Pod.self, from: "pod-create-201.json")
        #expect(pod.name == "fixture-pod")
        #expect(pod.metadata.labels == ["app": "fixture"])
        #expect(pod.phase == .pending)
        #expect(pod.spec?.containers?.map(\.name) == ["c"])
        #expect(pod.metadata.uid != nil)
        #expect(!pod.isReady)
    }

    @Test func deletedPodIsTerminatingWithItsGracePeriod() throws {
        let pod = try Fixtures.decode(Pod.self, from: "pod-delete-200.json")
        #expect(pod.name == "nginx-747d4c55d8-rhgkr")
        #expect(pod.isTerminating)
        #expect(pod.metadata.deletionTimestamp == (try date("2026-11-25T11:54:46Z")))
        #expect(pod.metadata.deletionGracePeriodSeconds == 30)
        #expect(pod.metadata.deletionGracePeriodSeconds == pod.spec?.terminationGracePeriodSeconds)
    }

    @Test func podDeletedWithoutGraceIsGoneAtOnce() throws {
        let pod = try Fixtures.decode(Pod.self, from: "pod-delete-grace0-200.json")
        #expect(pod.name == "fixture-pod")
        #expect(pod.metadata.deletionGracePeriodSeconds == 0)
        #expect(pod.metadata.deletionTimestamp == (try date("2026-11-25T11:54:16Z")))
        #expect(pod.isTerminating)
        #expect(!pod.isReady)
        let container = try #require(pod.status?.containerStatuses?.first)
        #expect(container.state?.waiting?.reason == "ContainerCreating")
        #expect(container.state?.running == nil)
    }

    @Test func evictionAcceptedIsASuccessStatus() throws {
        let status = try Fixtures.decode(Status.self, from: "eviction-201.json")
        #expect(status.status == "Success")
        #expect(status.code == 201)
        #expect(try Fixtures.httpStatus("eviction-201.json") == 201)
    }

    @Test func createdEventKeepsMicrosecondEventTime() throws {
        let event = try Fixtures.decode(Event.self, from: "event-create-201.json")
        #expect(event.kind == Event.resource.kind)
        #expect(event.apiVersion == Event.resource.apiVersion)
        #expect(event.metadata.generateName == "pod-chaos-")
        #expect(event.name.hasPrefix("pod-chaos-"))
        #expect(event.eventTime?.description == "2026-11-25T11:54:21.526560Z")
        #expect(event.reportingController == "example.com/pod-chaos")
        #expect(event.reportingInstance == "pod-chaos-harness")
        #expect(event.action == "DeletePod")
        #expect(event.reason == "ChaosPodKilled")
        #expect(event.type == "Normal")
        #expect(event.note == "pod demo/nginx-747d4c55d8-78m8s deleted by chaos experiment")
        #expect(
            event.regarding
                == ObjectReference(
                    apiVersion: "v1", kind: "Pod", namespace: "demo", name: "nginx-747d4c55d8-78m8s",
                    uid: "bf225557-1c1c-49ea-956f-12c61e28fa5f"))
        #expect(event.related == nil)
        #expect(event.series == nil)
    }

    @Test func serverVersion() throws {
        let version = try Fixtures.decode(Version.self, from: "version.json")
        #expect(version.major == "1")
        #expect(version.minor == "36")
        #expect(version.gitVersion == "v1.36.2")
        #expect(version.platform == "linux/amd64")
        #expect(version.gitTreeState == "clean")
        #expect(version.description == "v1.36.2")
    }
}
