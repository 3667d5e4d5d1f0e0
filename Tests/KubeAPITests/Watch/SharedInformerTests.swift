import Foundation
import Testing

@testable import KubeAPI

/// The informer's store as events reach it, with no server: a relist is told to subscribers as the changes since the
/// last one, as client-go's `Replace` does.
@Suite("Shared informer")
struct SharedInformerTests {
    static func object(_ name: String, version: String) -> TestObject {
        TestObject(metadata: ObjectMeta(name: name, namespace: "demo", uid: "uid-\(name)", resourceVersion: version))
    }

    static func describe(_ event: SharedInformer<TestObject>.Event) -> String {
        switch event {
        case .added(let object): "added \(object.name)@\(object.metadata.resourceVersion ?? "")"
        case .modified(let object): "modified \(object.name)@\(object.metadata.resourceVersion ?? "")"
        case .deleted(let object): "deleted \(object.name)@\(object.metadata.resourceVersion ?? "")"
        case .synced(let all): "synced \(all.map(\.name).sorted().joined(separator: ","))"
        }
    }

    @Test("A relist tells subscribers what was added, changed and deleted meanwhile, and nothing about the rest")
    func relistAsChanges() async throws {
        let client = try KubernetesClient(config: .testing(URL(string: "https://127.0.0.1:1")!))
        let informer = SharedInformer(Reflector<TestObject>(client: client))
        let (events, feed) = AsyncThrowingStream<SharedInformer<TestObject>.Event, any Error>.makeStream()
        let a1 = Self.object("a", version: "1")
        let b1 = Self.object("b", version: "1")
        let c1 = Self.object("c", version: "1")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await informer.run(events) }
            // The first list, as an untracked reflector sends it: `.synced` alone.
            feed.yield(.synced([a1, b1, c1]))
            try await informer.waitUntilSynced()
            let seen = await informer.subscribe()
            // A watch event, then a relist after an expired watch: `a` changed, `b` unchanged, `c` gone, `d` new.
            feed.yield(.modified(Self.object("a", version: "2")))
            feed.yield(.synced([Self.object("a", version: "3"), b1, Self.object("d", version: "4")]))
            feed.finish()
            var described: [String] = []
            for try await event in seen {
                described.append(Self.describe(event))
                if described.count == 6 { break }
            }
            #expect(
                described == [
                    "synced a,b,c", "modified a@2", "modified a@3", "added d@4", "deleted c@1", "synced a,b,d",
                ])
            group.cancelAll()
        }
        #expect(await informer.items().map(\.name).sorted() == ["a", "b", "d"])
        #expect(await informer.items().first { $0.name == "a" }?.metadata.resourceVersion == "3")
        try await client.shutdown()
    }

    @Test("A subscription whose consumer has stopped is forgotten without waiting for a change, which a quiet kind never sends")
    func endedSubscriptionForgotten() async throws {
        let client = try KubernetesClient(config: .testing(URL(string: "https://127.0.0.1:1")!))
        let informer = SharedInformer(Reflector<TestObject>(client: client))
        let (events, feed) = AsyncThrowingStream<SharedInformer<TestObject>.Event, any Error>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await informer.run(events) }
            feed.yield(.synced([Self.object("a", version: "1")]))
            try await informer.waitUntilSynced()
            for _ in 0..<3 {
                // A recovery observation: reads the state, then stops.
                for try await _ in await informer.subscribe() { break }
            }
            let kept = await informer.subscribe()
            #expect(await informer.subscriberCount == 1, "only the subscription still iterated")
            withExtendedLifetime(kept) {}
            feed.finish()
            group.cancelAll()
        }
        try await client.shutdown()
    }
}
