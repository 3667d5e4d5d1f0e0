import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct EndpointSliceControllerTests {
    private func slice(_ harness: ControllerHarness) async throws -> JSONValue? {
        try await harness.store.list(Resources.endpointSlices, filter: ObjectFilter(namespace: "default")).items.first
    }

    private func endpointConditions(_ slice: JSONValue?) -> [String: [String: Bool]] {
        var result: [String: [String: Bool]] = [:]
        for endpoint in slice?["endpoints"]?.arrayValue ?? [] {
            let name = endpoint[path: ["targetRef", "name"]]?.stringValue ?? ""
            var conditions: [String: Bool] = [:]
            for (key, value) in endpoint["conditions"]?.objectValue ?? [:] { conditions[key] = value.boolValue }
            result[name] = conditions
        }
        return result
    }

    @Test func endpointsFollowReadinessAndTermination() async throws {
        let harness = try await ControllerHarness.start([
            EndpointSliceController(), SchedulerController(),
            KubeletController(
                timings: PodLifecycleTimings(startDelay: .milliseconds(50), readyDelay: .milliseconds(50), terminationDelay: .seconds(600))),
        ])
        _ = try await harness.store.create(Resources.services, namespace: "default", Workloads.service("web", selector: ["app": "web"]))
        for name in ["web-a", "web-b"] {
            _ = try await harness.store.create(Resources.pods, namespace: "default", Objects.pod(name, labels: ["app": "web"]))
        }
        _ = try await harness.store.create(Resources.pods, namespace: "default", Objects.pod("other", labels: ["app": "other"]))
        let ready = try await eventually { () async throws -> JSONValue? in
            let slice = try await slice(harness)
            let conditions = endpointConditions(slice)
            return conditions.count == 2 && conditions.values.allSatisfy({ $0["ready"] == true }) ? slice : nil
        }
        let endpointSlice = try #require(ready)
        #expect(endpointSlice.name?.hasPrefix("web-") == true)
        #expect(endpointSlice.name?.count == "web-".count + 5)
        #expect(endpointSlice[path: ["metadata", "labels", "kubernetes.io/service-name"]]?.stringValue == "web")
        #expect(endpointSlice["addressType"]?.stringValue == "IPv4")
        #expect(endpointSlice["ports"]?.arrayValue?.first?["port"]?.intValue == 8080)
        let endpoint = try #require(endpointSlice["endpoints"]?.arrayValue?.first)
        #expect(endpoint["addresses"]?.arrayValue?.first?.stringValue?.hasPrefix("10.244.") == true)
        #expect(endpoint["nodeName"]?.stringValue?.hasPrefix("node-") == true)
        #expect(endpoint[path: ["targetRef", "kind"]]?.stringValue == "Pod")

        _ = try await harness.store.delete(Resources.pods, namespace: "default", name: "web-a")
        let terminating = try await eventually { () async throws -> [String: Bool]? in
            let conditions = endpointConditions(try await slice(harness))["web-a"]
            return conditions?["terminating"] == true ? conditions : nil
        }
        #expect(terminating == ["ready": false, "serving": true, "terminating": true])

        _ = try await harness.store.modify(Resources.pods, namespace: "default", name: "web-b", subresource: .status) { pod in
            var next = pod
            next[path: ["status", "conditions"]] = .array([.object(["type": .string("Ready"), "status": .string("False")])])
            return next
        }
        let unready = try await eventually { () async throws -> [String: Bool]? in
            let conditions = endpointConditions(try await slice(harness))["web-b"]
            return conditions?["ready"] == false ? conditions : nil
        }
        #expect(unready == ["ready": false, "serving": false, "terminating": false])
        await harness.stop()
    }
}
