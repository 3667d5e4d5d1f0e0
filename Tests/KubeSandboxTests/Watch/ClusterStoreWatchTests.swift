import KubeSandbox
import Testing

@Suite struct ClusterStoreWatchTests {
    let pods = ResourceCatalog.pods

    @Test func watcherThatFallsTooFarBehindIsClosedAfterWhatWasBuffered() async throws {
        let store = ClusterStore(watchBufferSize: 10)
        let slow = try await store.watch(pods, from: .now)
        for index in 0..<25 { _ = try await store.create(pods, namespace: "default", Objects.pod("p\(index)")) }
        var names: [String] = []
        for await event in slow.events { names.append(event.object.name ?? "") }
        #expect(names == (0..<10).map { "p\($0)" })
        #expect(await store.activeWatchCount == 0)
    }

    @Test func watcherThatKeepsUpIsNotClosed() async throws {
        let store = ClusterStore(watchBufferSize: 10)
        let subscription = try await store.watch(pods, from: .now)
        var iterator = subscription.events.makeAsyncIterator()
        for index in 0..<25 {
            _ = try await store.create(pods, namespace: "default", Objects.pod("p\(index)"))
            #expect(await iterator.next()?.object.name == "p\(index)")
        }
        #expect(await store.activeWatchCount == 1)
        await store.stopWatch(subscription.id)
    }

    @Test func inProcessSubscriberSeesEveryResource() async throws {
        let store = ClusterStore()
        let subscription = try await store.watch(nil, from: .now)
        _ = try await store.create(ResourceCatalog.namespaces, namespace: nil, Objects.namespace("demo"))
        _ = try await store.create(pods, namespace: "demo", Objects.pod("web", namespace: "demo"))
        _ = try await store.delete(pods, namespace: "demo", name: "web", options: SandboxDeleteOptions(propagationPolicy: "Foreground"))
        var seen: [String] = []
        for await event in subscription.events {
            seen.append("\(event.type.rawValue) \(event.resource?.qualifiedName ?? "") \(event.deleteOptions?.propagationPolicy ?? "-")")
            if seen.count == 3 { break }
        }
        #expect(seen == ["ADDED namespaces -", "ADDED pods -", "DELETED pods Foreground"])
    }

    @Test func expiredResourceVersionIsRefused() async throws {
        let store = ClusterStore(historyLimit: 2)
        let first = try await store.create(pods, namespace: "default", Objects.pod("a"))
        for index in 0..<10 { _ = try await store.create(pods, namespace: "default", Objects.pod("p\(index)")) }
        let error = try await #require(throws: StatusError.self) { try await store.watch(pods, from: .after(first.resourceVersion ?? 0)) }
        #expect(error.code == 410 && error.reason == "Expired")
    }
}
