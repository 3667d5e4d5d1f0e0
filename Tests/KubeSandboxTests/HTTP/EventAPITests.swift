import Foundation
import KubeSandbox
import KubeTesting
import Testing

/// events.k8s.io/v1 and core v1 Events are two views of one collection, as on the real server.
@Suite(.dedicatedThreads) struct EventAPITests {
    @Test func eventCreatedThroughEventsAPIIsACoreEventToo() async throws {
        try await TestClient.withSandbox { sandbox, client in
            try await sandbox.load(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo"}}"#)
            let created = try await client.send(
                .POST, "/apis/events.k8s.io/v1/namespaces/demo/events", body: try Fixtures.request("event-create-201.json"))
            #expect(created.status == 201)
            let event = try #require(created.json)
            let fixture = try Fixtures.json("event-create-201.json")
            #expect(event["apiVersion"]?.stringValue == "events.k8s.io/v1")
            for field in ["note", "regarding", "reason", "action", "reportingController", "reportingInstance", "type", "eventTime"] {
                #expect(event[field] == fixture[field], "\(field)")
            }

            let core = try #require(try await client.send(.GET, "/api/v1/namespaces/demo/events").json)
            let item = try #require(core["items"]?.arrayValue?.first)
            #expect(item["message"] == fixture["note"])
            #expect(item["involvedObject"] == fixture["regarding"])
            #expect(item["reportingComponent"] == fixture["reportingController"])
            #expect(item["note"] == nil)

            let name = try #require(event.name)
            let viaEventsAPI = try #require(try await client.send(.GET, "/apis/events.k8s.io/v1/namespaces/demo/events/\(name)").json)
            #expect(viaEventsAPI == event)
        }
    }

    @Test func eventsAPIWatchSeesCoreEventsInItsShape() async throws {
        let store = ClusterStore()
        let eventsAPI = try #require(ResourceCatalog.find(group: "events.k8s.io", version: "v1", resource: "events"))
        let coreEvents = try #require(ResourceCatalog.find(group: "", version: "v1", resource: "events"))
        let watch = try await store.watch(eventsAPI, from: .now)
        let body: JSONValue = .object([
            "metadata": .object(["name": .string("e1")]), "message": .string("pod killed"), "reason": .string("ChaosPodKilled"),
            "involvedObject": .object(["kind": .string("Pod"), "name": .string("web")]),
        ])
        _ = try await store.create(coreEvents, namespace: "default", body)
        var iterator = watch.events.makeAsyncIterator()
        let event = try #require(await iterator.next())
        #expect(event.type == .added)
        #expect(event.object["apiVersion"]?.stringValue == "events.k8s.io/v1")
        #expect(event.object["note"]?.stringValue == "pod killed")
        #expect(event.object[path: ["regarding", "name"]]?.stringValue == "web")
        await store.stopWatch(watch.id)
    }
}
