import Foundation
import KubeAPI
import Testing

/// Objects there is no capture of, written in the shape the API documents; unknown fields must be ignored.
@Suite("Workloads, nodes and services decode the fields recovery is measured by")
struct WorkloadDecodingTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try KubeJSON.decoder().decode(type, from: Data(json.utf8))
    }

    @Test func deployment() throws {
        let deployment = try decode(
            Deployment.self,
            #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx","namespace":"demo","generation":4},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},"strategy":{"type":"RollingUpdate"},
                     "template":{"metadata":{"labels":{"app":"nginx"},"annotations":{"chaos/opt-in":"true"}},
                                 "spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}},
             "status":{"observedGeneration":4,"replicas":3,"readyReplicas":2,"availableReplicas":2,"updatedReplicas":3,
                       "unavailableReplicas":1,"conditions":[{"type":"Available","status":"False","lastUpdateTime":"2026-11-25T11:54:01Z"}]}}
            """#)
        #expect(deployment.spec?.replicas == 3)
        #expect(deployment.spec?.selector?.matchLabels == ["app": "nginx"])
        #expect(deployment.spec?.template?.metadata?.labels == ["app": "nginx"])
        #expect(deployment.spec?.template?.metadata?.annotations?["chaos/opt-in"] == "true")
        #expect(deployment.spec?.template?.spec?.containers?.first?.image == "nginx:1.27")
        let status = try #require(deployment.status)
        #expect(status.observedGeneration == deployment.metadata.generation)
        #expect([status.replicas, status.readyReplicas, status.availableReplicas, status.updatedReplicas] == [3, 2, 2, 3])
        #expect(status.unavailableReplicas == 1)
        #expect(status.conditions?[type: "Available"]?.isTrue == false)
    }

    @Test func replicaSetAndStatefulSet() throws {
        let replicaSet = try decode(
            ReplicaSet.self,
            #"{"metadata":{"name":"nginx-747d4c55d8"},"spec":{"replicas":3,"selector":{"matchLabels":{"pod-template-hash":"747d4c55d8"}}},"status":{"replicas":3,"readyReplicas":3,"availableReplicas":3,"fullyLabeledReplicas":3,"observedGeneration":1}}"#
        )
        #expect(replicaSet.status?.readyReplicas == 3)
        #expect(replicaSet.spec?.selector?.matchLabels?["pod-template-hash"] == "747d4c55d8")

        let statefulSet = try decode(
            StatefulSet.self,
            #"{"metadata":{"name":"db"},"spec":{"replicas":2,"serviceName":"db","selector":{"matchExpressions":[{"key":"app","operator":"In","values":["db"]}]}},"status":{"replicas":2,"readyReplicas":1,"currentReplicas":2,"updatedReplicas":2,"availableReplicas":1,"currentRevision":"db-1","updateRevision":"db-1"}}"#
        )
        #expect(statefulSet.spec?.serviceName == "db")
        #expect(
            statefulSet.spec?.selector?.matchExpressions == [LabelSelectorRequirement(key: "app", operator: "In", values: ["db"])])
        #expect(statefulSet.status?.readyReplicas == 1)
        #expect(statefulSet.status?.currentRevision == statefulSet.status?.updateRevision)
    }

    @Test func daemonSetCountsScheduledPods() throws {
        let daemonSet = try decode(
            DaemonSet.self,
            #"{"metadata":{"name":"agent"},"spec":{"selector":{"matchLabels":{"app":"agent"}}},"status":{"currentNumberScheduled":3,"numberReady":2,"desiredNumberScheduled":3,"numberAvailable":2,"numberUnavailable":1,"numberMisscheduled":0,"updatedNumberScheduled":3,"observedGeneration":2}}"#
        )
        let status = try #require(daemonSet.status)
        #expect(status.desiredNumberScheduled == 3)
        #expect(status.currentNumberScheduled == 3)
        #expect(status.numberReady == 2)
        #expect(status.numberUnavailable == 1)
        #expect(status.observedGeneration == 2)
    }

    @Test func jobCountsActiveSucceededFailed() throws {
        let job = try decode(
            Job.self,
            #"{"metadata":{"name":"migrate"},"spec":{"parallelism":2,"completions":5,"backoffLimit":6},"status":{"active":2,"succeeded":3,"failed":1,"ready":2,"startTime":"2026-11-25T11:50:00Z"}}"#
        )
        #expect(job.spec?.completions == 5)
        #expect([job.status?.active, job.status?.succeeded, job.status?.failed] == [2, 3, 1])
        #expect(job.status?.startTime == KubeJSON.parseTimestamp("2026-11-25T11:50:00Z"))
        #expect(job.status?.completionTime == nil)
    }

    @Test func nodeReadinessAndCordon() throws {
        let node = try decode(
            Node.self,
            #"{"metadata":{"name":"fake-node-1"},"spec":{"unschedulable":true,"taints":[{"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule"}]},"status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True","lastHeartbeatTime":"2026-11-25T11:54:00Z"}]}}"#
        )
        #expect(node.isReady)
        #expect(node.isUnschedulable)
        #expect(!Node(metadata: ObjectMeta(name: "n")).isReady)
        #expect(!Node(metadata: ObjectMeta(name: "n")).isUnschedulable)
    }

    @Test func serviceAndItsEndpointSlice() throws {
        let service = try decode(
            Service.self,
            #"{"metadata":{"name":"web"},"spec":{"selector":{"app":"nginx"},"type":"ClusterIP","clusterIP":"10.0.0.10","ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080},{"port":443,"targetPort":"https"}]}}"#
        )
        #expect(service.spec?.selector == ["app": "nginx"])
        #expect(service.spec?.ports?.map(\.targetPort) == [.int(8080), .string("https")])

        let slice = try decode(
            EndpointSlice.self,
            #"{"metadata":{"name":"web-abcde","labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4","endpoints":[{"addresses":["198.18.0.6"],"conditions":{"ready":true,"serving":true,"terminating":false},"nodeName":"fake-node-1","targetRef":{"kind":"Pod","namespace":"demo","name":"nginx-747d4c55d8-b2w8h","uid":"f9e07a02"}},{"addresses":["198.18.0.7"],"conditions":{"ready":false,"serving":true,"terminating":true}}],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}"#
        )
        #expect(slice.metadata.labels?[EndpointSlice.serviceNameLabel] == service.name)
        #expect(slice.addressType == "IPv4")
        #expect(slice.endpoints?.map { $0.conditions?.ready } == [true, false])
        #expect(slice.endpoints?.last?.conditions?.terminating == true)
        #expect(slice.endpoints?.first?.targetRef?.name == "nginx-747d4c55d8-b2w8h")
        #expect(slice.ports?.first?.port == 8080)

        let empty = try decode(EndpointSlice.self, #"{"metadata":{"name":"web-empty"},"addressType":"IPv4","endpoints":null}"#)
        #expect(empty.endpoints == nil)
    }

    @Test func namespaceAndConfigMap() throws {
        let namespace = try decode(
            Namespace.self, #"{"metadata":{"name":"demo"},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Terminating"}}"#)
        #expect(namespace.isTerminating)
        #expect(!Namespace(metadata: ObjectMeta(name: "demo"), status: .init(phase: "Active")).isTerminating)

        let configMap = try decode(ConfigMap.self, #"{"metadata":{"name":"chaos"},"data":{"interval":"30s"}}"#)
        #expect(configMap.data == ["interval": "30s"])
    }

    @Test func podDisruptionBudgetWithPercentageAndDisruptedPods() throws {
        let pdb = try decode(
            PodDisruptionBudget.self,
            #"{"metadata":{"name":"web"},"spec":{"maxUnavailable":"25%","unhealthyPodEvictionPolicy":"AlwaysAllow"},"status":{"disruptionsAllowed":1,"currentHealthy":4,"desiredHealthy":3,"expectedPods":4,"disruptedPods":{"web-1":"2026-11-25T11:54:30Z"}}}"#
        )
        #expect(pdb.spec?.maxUnavailable == .string("25%"))
        #expect(pdb.spec?.maxUnavailable?.scaledValue(total: pdb.status?.expectedPods ?? 0, rounding: .up) == 1)
        #expect(pdb.spec?.unhealthyPodEvictionPolicy == "AlwaysAllow")
        #expect(pdb.status?.disruptedPods?["web-1"] == KubeJSON.parseTimestamp("2026-11-25T11:54:30Z"))
    }
}
