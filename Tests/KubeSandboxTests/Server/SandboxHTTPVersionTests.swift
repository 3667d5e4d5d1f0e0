import AsyncHTTPClient
import Foundation
import KubeSandbox
import KubeTesting
import NIOHTTP1
import Testing

/// HTTP versions as kube-apiserver offers them: over TLS, ALPN `h2` and `http/1.1`; plain HTTP is HTTP/1.1.
@Suite(.dedicatedThreads, .timeLimit(.minutes(1))) struct SandboxHTTPVersionTests {

    @Test(
        "The protocol a client gets: HTTP/2 when both offer it, else HTTP/1.1",
        arguments: [
            (SandboxOptions(controllers: false), HTTPClient.Configuration.HTTPVersion.automatic, HTTPVersion.http2),
            (SandboxOptions(controllers: false), .http1Only, .http1_1),
            (SandboxOptions(controllers: false, http2: false), .automatic, .http1_1),
            (SandboxOptions(tls: false, controllers: false), .automatic, .http1_1),
        ])
    func negotiatedVersion(options: SandboxOptions, offered: HTTPClient.Configuration.HTTPVersion, expected: HTTPVersion) async throws {
        try await TestClient.withSandbox(options, httpVersion: offered) { sandbox, client in
            let answer = try await client.send(.GET, "/api/v1/namespaces")
            #expect(answer.status == 200)
            #expect(answer.version == expected)
            let http2 = expected == .http2 ? 1 : 0
            #expect(sandbox.connectionCounts == ConnectionCounts(accepted: 1, http1: 1 - http2, http2: http2))
        }
    }

    @Test("An answer larger than the HTTP/2 flow-control window (64 KiB at first) arrives whole on its stream")
    func largeAnswerOnAStream() async throws {
        try await TestClient.withSandbox(SandboxOptions(controllers: false)) { sandbox, client in
            var pod = Objects.pod("big")
            pod[path: ["metadata", "annotations", "filler"]] = .string(String(repeating: "x", count: 256 * 1024))
            _ = try await sandbox.store.create(ResourceCatalog.pods, namespace: "default", pod)
            let answer = try await client.send(.GET, "/api/v1/namespaces/default/pods/big")
            #expect(answer.version == .http2)
            #expect(answer.status == 200)
            #expect(answer.json?[path: ["metadata", "annotations", "filler"]]?.stringValue?.count == 256 * 1024)
        }
    }

    @Test("Requests on one HTTP/2 connection run side by side: three watches stay open while GETs are answered")
    func streamsShareOneConnection() async throws {
        try await TestClient.withSandbox(SandboxOptions(controllers: false)) { sandbox, client in
            // The first request alone, so the client knows the connection speaks HTTP/2 before it opens more streams.
            #expect(try await client.send(.GET, "/api/v1/namespaces").version == .http2)
            var watches: [AsyncThrowingStream<JSONValue, any Error>] = []
            for namespace in ["default", "kube-system", "kube-public"] {
                watches.append(try await client.watch("/api/v1/namespaces/\(namespace)/pods?watch=1").events)
            }
            for await count in await sandbox.store.activeWatchCounts() where count == 3 { break }
            for index in 0..<5 {
                #expect(try await client.send(.GET, "/api/v1/namespaces/default/pods?limit=\(index + 1)").status == 200)
            }
            #expect(sandbox.connectionCounts == ConnectionCounts(accepted: 1, http1: 0, http2: 1))
            #expect(watches.count == 3)
        }
    }

    @Test("A watch on an HTTP/2 stream gets each event as it happens; the client's cancel (RST_STREAM) ends it, not the connection")
    func watchOnAStream() async throws {
        try await TestClient.withSandbox(SandboxOptions(controllers: false)) { sandbox, client in
            let pods = ResourceCatalog.pods
            let watch = try await client.watch("/api/v1/namespaces/default/pods?watch=1")
            #expect(watch.status == 200)
            let (names, namesIn) = AsyncStream.makeStream(of: String.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await event in watch.events {
                        namesIn.yield("\(event["type"]?.stringValue ?? "") \(event["object"]?.name ?? "")")
                    }
                }
                var received = names.makeAsyncIterator()
                // Each event is awaited before the next change is made: it must arrive on its own, not with a later one.
                for name in ["a", "b"] {
                    _ = try await sandbox.store.create(pods, namespace: "default", Objects.pod(name))
                    #expect(await received.next() == "ADDED \(name)")
                }
                #expect(await sandbox.store.activeWatchCount == 1)
                group.cancelAll()
            }
            for await count in await sandbox.store.activeWatchCounts() where count == 0 { break }
            // The cancel reset only the watch's stream: the next request uses the same connection.
            #expect(try await client.send(.GET, "/api/v1/namespaces/default/pods").status == 200)
            #expect(sandbox.connectionCounts == ConnectionCounts(accepted: 1, http1: 0, http2: 1))
        }
    }

    @Test(
        "kubectl speaks HTTP/2 where the sandbox offers it, HTTP/1.1 where it does not",
        .enabled(if: KubectlBinary.shouldRun, "kubectl is not installed at /usr/bin/kubectl"), arguments: [true, false])
    func kubectlNegotiates(http2: Bool) async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        try await TestClient.withSandbox(SandboxOptions(controllers: false, http2: http2)) { sandbox, _ in
            let kubectl = try Kubectl(sandbox)
            let result = try await kubectl.run(["get", "namespaces", "-o", "name"])
            kubectl.cleanUp()
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.contains("namespace/default"))
            let counts = sandbox.connectionCounts
            #expect(http2 ? counts.http2 >= 1 && counts.http1 == 0 : counts.http1 >= 1 && counts.http2 == 0, "\(counts)")
        }
    }
}
