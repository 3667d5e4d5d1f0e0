import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import KubeAPI

/// Which HTTP version the client speaks and over how many connections, counted by the sandbox: requests share one
/// HTTP/2 connection where the server offers `h2`; watches speak HTTP/1.1, a connection each.
@Suite("KubeAPI client HTTP versions", .dedicatedThreads)
struct ClientHTTPVersionTests {
    static let namespaces = (0..<20).map { "ns-\($0)" }

    static func withSandbox(_ options: SandboxOptions, _ body: (Sandbox, KubernetesClient) async throws -> Void) async throws {
        try await KubeTesting.withSandbox(options) { sandbox in
            do {
                for namespace in namespaces {
                    try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(namespace)\n")
                    try await sandbox.load(
                        "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: \(namespace)}\nspec: {containers: [{name: c, image: nginx}]}\n"
                    )
                }
                try await withClient(sandbox.clusterConfig(namespace: "demo"), options: .testing()) { try await body(sandbox, $0) }
            } catch {
                Issue.record(error)
            }
        }
    }

    /// Lists the pods of every test namespace at once, through a client that has not sent a request yet.
    static func listConcurrently(_ client: KubernetesClient) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for namespace in namespaces {
                group.addTask { try await client.list(Pod.self, namespace: namespace).items.count }
            }
            return try await group.reduce(0, +)
        }
    }

    static func listCount(_ sandbox: Sandbox) async -> Int {
        await sandbox.requests().filter { $0.verb == "list" }.count
    }

    @Test("20 concurrent LISTs from a new client reach a server offering h2 over exactly one HTTP/2 connection")
    func concurrentListsShareOneConnection() async throws {
        try await Self.withSandbox(SandboxOptions(controllers: false)) { sandbox, client in
            let pods = try await Self.listConcurrently(client)
            #expect(pods == 20)
            #expect(await Self.listCount(sandbox) == 20)
            #expect(sandbox.connectionCounts == ConnectionCounts(accepted: 1, http1: 0, http2: 1))
        }
    }

    @Test("The same LISTs against a server offering only http/1.1 succeed over at most 8 HTTP/1.1 connections")
    func concurrentListsOverHTTP1() async throws {
        try await Self.withSandbox(SandboxOptions(controllers: false, http2: false)) { sandbox, client in
            let pods = try await Self.listConcurrently(client)
            #expect(pods == 20)
            #expect(await Self.listCount(sandbox) == 20)
            // Connections the pool opened but did not need may still be in their handshake: not counted as HTTP/1.1 yet.
            let counts = sandbox.connectionCounts
            #expect(counts.http2 == 0)
            #expect(counts.http1 >= 1)
            #expect((1...KubernetesClient.requestConnectionsPerHost).contains(counts.accepted), "\(counts)")
        }
    }

    @Test(
        "Watches speak HTTP/1.1 even where h2 is offered, so the server's stream limit does not hold them back",
        .timeLimit(.minutes(1)))
    func watchesUseHTTP1() async throws {
        // A stream limit below the watches opened: over HTTP/2 the third watch would wait for a stream until the
        // connect timeout failed it.
        try await Self.withSandbox(SandboxOptions(controllers: false, http2MaxStreamsPerConnection: 2)) { sandbox, client in
            // Each watch stays open after its first event, until all three have had one.
            let (opened, open) = AsyncStream.makeStream(of: String.self)
            var namespaces: [String] = []
            await withTaskGroup(of: Void.self) { group in
                for namespace in Self.namespaces.prefix(3) {
                    group.addTask {
                        var events = client.watch(Pod.self, namespace: namespace, options: WatchOptions(resourceVersion: "0"))
                            .makeAsyncIterator()
                        do {
                            open.yield(try await events.next()?.object?.metadata.namespace ?? "no event")
                            _ = try await events.next()
                        } catch {
                            open.yield("\(error)")
                        }
                    }
                }
                for await namespace in opened {
                    namespaces.append(namespace)
                    if namespaces.count == 3 { break }
                }
                group.cancelAll()
            }
            #expect(Set(namespaces) == Set(Self.namespaces.prefix(3)))
            #expect(sandbox.connectionCounts == ConnectionCounts(accepted: 3, http1: 3, http2: 0))
            _ = try await client.list(Pod.self, namespace: Self.namespaces[0])
            #expect(sandbox.connectionCounts == ConnectionCounts(accepted: 4, http1: 3, http2: 1))
        }
    }
}
