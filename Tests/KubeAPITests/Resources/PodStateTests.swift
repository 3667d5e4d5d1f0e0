import Foundation
import KubeAPI
import Testing

@Suite("Pod readiness, termination and mirror state")
struct PodStateTests {
    private static func pod(conditions: [Condition]?) -> Pod {
        Pod(metadata: ObjectMeta(name: "web-1"), status: PodStatus(phase: .running, conditions: conditions))
    }

    @Test(arguments: [
        ([Condition(type: "Ready", status: "True")], true),
        ([Condition(type: "Ready", status: "False")], false),
        ([Condition(type: "Ready", status: "Unknown")], false),
        ([Condition(type: "ContainersReady", status: "True")], false),
        ([Condition(type: "PodScheduled", status: "True"), Condition(type: "Ready", status: "True")], true),
        ([], false),
    ])
    func readyFollowsTheReadyCondition(conditions: [Condition], ready: Bool) {
        #expect(Self.pod(conditions: conditions).isReady == ready)
    }

    @Test func podWithoutStatusIsNotReady() {
        #expect(!Pod(metadata: ObjectMeta(name: "web-1")).isReady)
        #expect(!Self.pod(conditions: nil).isReady)
    }

    @Test func terminatingOnceDeletionTimestampIsSet() {
        var pod = Self.pod(conditions: nil)
        #expect(!pod.isTerminating)
        pod.metadata.deletionTimestamp = Date(timeIntervalSince1970: 0)
        #expect(pod.isTerminating)
    }

    @Test(arguments: [
        (["kubernetes.io/config.mirror": "3b1f0f1c"], true),
        (["kubernetes.io/config.mirror": ""], true),
        (["kubernetes.io/config.source": "file"], false),
        ([:], false),
    ])
    func mirrorPodsAreMarkedByAnnotation(annotations: [String: String], mirror: Bool) {
        let pod = Pod(metadata: ObjectMeta(name: "etcd-node-1", annotations: annotations))
        #expect(pod.isMirror == mirror)
    }

    @Test(arguments: [
        (#""Running""#, PodPhase.running), (#""Pending""#, .pending), (#""Succeeded""#, .succeeded), (#""Failed""#, .failed),
        (#""Unknown""#, .unknown), (#""Hibernating""#, PodPhase(rawValue: "Hibernating")),
    ])
    func phasesDecodeIncludingUnknownOnes(json: String, phase: PodPhase) throws {
        #expect(try KubeJSON.decoder().decode(PodPhase.self, from: Data(json.utf8)) == phase)
        #expect(String(decoding: try KubeJSON.encoder().encode(phase), as: UTF8.self) == json)
    }

    @Test func builtPodEncodesAsThePodTheServerAccepted() throws {
        let pod = Pod(
            metadata: ObjectMeta(name: "fixture-pod", labels: ["app": "fixture"]),
            spec: PodSpec(containers: [Container(name: "c", image: "nginx:1.27")]))
        let encoded = try JSONTree(KubeJSON.encoder().encode(pod))
        #expect(try encoded == JSONTree(Fixtures.request("pod-create-201.json")))
    }

    @Test func terminatedContainerState() throws {
        let json = #"""
            {"name":"app","ready":false,"restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s"}},
             "lastState":{"terminated":{"reason":"Error","exitCode":137,"finishedAt":"2026-11-25T11:54:30Z"}}}
            """#
        let status = try KubeJSON.decoder().decode(ContainerStatus.self, from: Data(json.utf8))
        #expect(status.restartCount == 4)
        #expect(status.state?.waiting == ContainerState.Waiting(reason: "CrashLoopBackOff", message: "back-off 40s"))
        #expect(status.lastState?.terminated?.exitCode == 137)
        #expect(status.lastState?.terminated?.reason == "Error")
        #expect(status.lastState?.terminated?.finishedAt == KubeJSON.parseTimestamp("2026-11-25T11:54:30Z"))
    }
}
