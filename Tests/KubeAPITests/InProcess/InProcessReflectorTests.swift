import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import KubeAPI

/// The reflector against the in-process sandbox: the sandbox's real resourceVersions, 410s and cut watches instead of
/// scripted bytes. (`WatchTests` stays on scripted HTTP: its point is the wire — events split across chunks, the watch
/// connection pool.) Nothing here needs threads of its own.
@Suite("Reflector against the in-process sandbox")
struct InProcessReflectorTests {
    static let backoff = RetryPolicy(maxAttempts: .max, initialDelay: .milliseconds(1), maxDelay: .milliseconds(5))

    static func pod(_ name: String) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "demo"), spec: PodSpec(containers: [Container(name: "app", image: "nginx")]))
    }

    /// The names a reflector's consumer holds, updated event by event.
    struct View {
        var iterator: AsyncThrowingStream<Reflector<Pod>.Event, any Error>.AsyncIterator
        var names: Set<String> = []
        var syncs = 0

        init(_ client: KubernetesClient) {
            iterator = Reflector<Pod>(client: client, namespace: "demo", backoff: InProcessReflectorTests.backoff).events()
                .makeAsyncIterator()
        }

        mutating func drain(until done: (View) -> Bool) async throws {
            while !done(self), let event = try await iterator.next() {
                switch event {
                case .added(let pod), .modified(let pod): names.insert(pod.name)
                case .deleted(let pod): names.remove(pod.name)
                case .synced(let pods):
                    names = Set(pods.map(\.name))
                    syncs += 1
                }
            }
        }
    }

    static func withDemo(_ body: (Sandbox, KubernetesClient) async throws -> Void) async throws {
        try await withInProcessSandbox(SandboxOptions(controllers: false), namespace: "demo") { sandbox, client in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            try await body(sandbox, client)
        }
    }

    static var pods: PathPattern {
        get throws { try #require(PathPattern("/api/v1/namespaces/demo/pods")) }
    }

    @Test("A watch answered 410 Expired makes the reflector relist, then follow changes again", .timeLimit(.minutes(1)))
    func relistsOnExpired() async throws {
        try await Self.withDemo { sandbox, client in
            _ = try await client.create(Self.pod("keep"))
            await sandbox.addFault(FaultRule(verb: "watch", path: try Self.pods, times: 1, action: .expireNextWatch))
            var view = View(client)
            try await view.drain { $0.syncs == 2 }
            #expect(view.names == ["keep"])
            #expect(await sandbox.requestCounts().byVerb["list"] == 2, "the first list and the relist after the 410")
            _ = try await client.create(Self.pod("new"))
            try await view.drain { $0.names.contains("new") }
            #expect(view.names == ["keep", "new"])
            #expect(view.syncs == 2)
        }
    }

    @Test("A watch the server cuts short is resumed from its last resourceVersion without a relist", .timeLimit(.minutes(1)))
    func resumesAfterCut() async throws {
        try await Self.withDemo { sandbox, client in
            await sandbox.addFault(FaultRule(verb: "watch", path: try Self.pods, times: 1, action: .cutWatchAfterEvents(1)))
            var view = View(client)
            try await view.drain { $0.syncs == 1 }
            for index in 0..<3 { _ = try await client.create(Self.pod("p\(index)")) }
            try await view.drain { $0.names.count == 3 }
            #expect(view.names == ["p0", "p1", "p2"])
            #expect(view.syncs == 1, "no relist")
            let counts = await sandbox.requestCounts()
            #expect(counts.byVerb["list"] == 1)
            #expect(counts.byVerb["watch"] == 2, "the cut watch and the one resumed after it")
        }
    }
}
