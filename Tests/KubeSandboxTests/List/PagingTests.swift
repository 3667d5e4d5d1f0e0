import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct PagingTests {
    let pods = ResourceCatalog.pods

    @Test func pagedListIsAConsistentSnapshotWhilePodsAreAdded() async throws {
        try await TestClient.withSandbox { sandbox, client in
            let initial = 5_000
            for index in 0..<initial {
                _ = try await sandbox.store.create(pods, namespace: "default", Objects.pod(String(format: "p%05d", index)))
            }
            let store = sandbox.store
            let pods = self.pods
            var adder: Task<Void, any Error>?
            var names: [String] = []
            var versions: Set<String> = []
            var remaining: [Int] = []
            var token: String?
            repeat {
                let query = "limit=500" + (token.map { "&continue=\($0)" } ?? "")
                let response = try await client.send(.GET, "/api/v1/namespaces/default/pods?\(query)")
                #expect(response.status == 200)
                let page = try #require(response.json)
                names += (page["items"]?.arrayValue ?? []).compactMap { $0.name }
                versions.insert(page[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")
                token = page[path: ["metadata", "continue"]]?.stringValue
                if let count = page[path: ["metadata", "remainingItemCount"]]?.intValue { remaining.append(count) }
                // Pods added after the first page (and sorting before the others) must not show up in later pages.
                if adder == nil {
                    adder = Task {
                        for index in 0..<1_000 {
                            _ = try await store.create(pods, namespace: "default", Objects.pod(String(format: "late%04d", index)))
                            await Task.yield()
                        }
                    }
                }
            } while token != nil
            try await adder?.value

            #expect(names == (0..<initial).map { String(format: "p%05d", $0) })
            #expect(versions.count == 1)
            #expect(remaining == stride(from: initial - 500, to: 0, by: -500).map { $0 })
            #expect(try await sandbox.objects("pods", namespace: "default").count == initial + 1_000)
        }
    }

    @Test func unknownContinueTokenIsRejected() async throws {
        let store = ClusterStore()
        await #expect(throws: StatusError.self) { try await store.list(pods, limit: 1, continueToken: "bm90LWEtdG9rZW4") }
    }

    @Test func lastPageHasNoContinueToken() async throws {
        let store = ClusterStore()
        for name in ["a", "b", "c"] { _ = try await store.create(pods, namespace: "default", Objects.pod(name)) }
        let first = try await store.list(pods, limit: 2)
        #expect(first.items.compactMap(\.name) == ["a", "b"])
        #expect(first.remainingItemCount == 1)
        let second = try await store.list(pods, limit: 2, continueToken: first.continueToken)
        #expect(second.items.compactMap(\.name) == ["c"])
        #expect(second.continueToken == nil)
        #expect(second.resourceVersion == first.resourceVersion)
    }
}
