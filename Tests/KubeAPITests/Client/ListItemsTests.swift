import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

/// Paged LISTs read object by object over chunked HTTP, connections that break in the middle of a page included.
@Suite("Streamed LIST pages", .dedicatedThreads)
struct ListItemsTests {
    static func object(_ name: String) -> String {
        #"{"metadata":{"name":"\#(name)","namespace":"demo","resourceVersion":"3"},"data":{"k":"\#(name)"}}"#
    }

    /// A page as kube-apiserver writes it: metadata first, then the items.
    static func page(_ names: [String], rv: String = "42", continue token: String? = nil) -> String {
        let next = token.map { #","continue":"\#($0)""# } ?? ""
        return #"{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"\#(rv)"\#(next)},"items":["#
            + names.map(object).joined(separator: ",") + "]}"
    }

    /// The page in chunks of `size` bytes; with `name`, only up to (not including) the byte where its object starts.
    static func chunks(of page: String, upTo name: String? = nil, size: Int = 9) -> [String] {
        let bytes = Array(page.utf8)
        let end =
            name.map { Array(object($0).utf8) }.flatMap { pattern in
                (0...(bytes.count - pattern.count)).first { Array(bytes[$0..<($0 + pattern.count)]) == pattern }
            } ?? bytes.count
        return stride(from: 0, to: end, by: size).map { String(decoding: bytes[$0..<min($0 + size, end)], as: UTF8.self) }
    }

    static func names(_ client: KubernetesClient, pageSize: Int = 4) async throws -> [String] {
        var names: [String] = []
        for try await object in client.listAll(TestObject.self, pageSize: pageSize).items { names.append(object.name) }
        return names
    }

    /// The names a LIST against `server` handed on before it failed, and its error.
    static func failedList(_ server: ScriptedServer, options: ClientOptions = .testing()) async -> (
        names: [String], error: KubeAPIError?
    ) {
        var names: [String] = []
        let error = await expectAPIError {
            try await withClient(.testing(server.url), options: options) { client in
                for try await object in client.listAll(TestObject.self).items { names.append(object.name) }
            }
        }
        return (names, error)
    }

    @Test("Objects stream page after page, each page asked for with the previous page's continue token")
    func pagesInOrder() async throws {
        try await ScriptedServer.with { request, _ in
            switch request.query["continue"] {
            case nil: .chunked(chunks: Self.chunks(of: Self.page(["a", "b"], continue: "t1") + " "))
            default: .respond(status: 200, body: Self.page(["c"]))
            }
        } run: { server in
            let names = try await withClient(.testing(server.url)) { try await Self.names($0, pageSize: 2) }
            #expect(names == ["a", "b", "c"])
            #expect(server.requests.map { $0.query["continue"] } == [nil, "t1"])
            #expect(server.requests.map { $0.query["limit"] } == ["2", "2"])
        }
    }

    @Test("A connection broken mid-page: the same page is read again and no object comes twice")
    func continuedPageReadAgain() async throws {
        let second = Self.page(["c", "d", "e", "f"])
        try await ScriptedServer.with { _, index in
            switch index {
            case 0: .respond(status: 200, body: Self.page(["a", "b"], continue: "t1"))
            case 1: .cut(chunks: Self.chunks(of: second, upTo: "e"))
            default: .respond(status: 200, body: second)
            }
        } run: { server in
            let names = try await withClient(.testing(server.url)) { try await Self.names($0) }
            #expect(names == ["a", "b", "c", "d", "e", "f"])
            let queries = server.requests.map(\.query)
            #expect(queries.count == 3)
            #expect(queries[1] == ["limit": "4", "continue": "t1"])
            #expect(queries[2] == queries[1], "the broken page is asked for again exactly")
        }
    }

    @Test("A first page broken mid-body, after objects of it were handed on, is read again at its resourceVersion")
    func firstPageReadAgainPinned() async throws {
        let first = Self.page(["a", "b", "c"], rv: "77", continue: "t1")
        // The connection breaks only once the test has taken "a" and "b", so the reader has handed them on.
        let (handedOn, handOn) = AsyncStream<Never>.makeStream()
        try await ScriptedServer.with { _, index in
            switch index {
            case 0: .cut(chunks: Self.chunks(of: first, upTo: "c"), until: { for await _ in handedOn {} })
            case 1: .respond(status: 200, body: first)
            default: .respond(status: 200, body: Self.page(["d"], rv: "77"))
            }
        } run: { server in
            let names = try await withClient(.testing(server.url)) { client in
                var names: [String] = []
                for try await object in client.listAll(TestObject.self, pageSize: 4).items {
                    names.append(object.name)
                    if names == ["a", "b"] { handOn.finish() }
                }
                return names
            }
            #expect(names == ["a", "b", "c", "d"])
            let queries = server.requests.map(\.query)
            #expect(queries.count == 3)
            #expect(queries[0] == ["limit": "4"])
            #expect(queries[1] == ["limit": "4", "resourceVersion": "77", "resourceVersionMatch": "Exact"])
            #expect(queries[2] == ["limit": "4", "continue": "t1"], "later pages are not pinned: the token carries the version")
        }
    }

    @Test("A first page broken before its resourceVersion came cannot be read again as it was, so the LIST fails")
    func firstPageWithoutVersionFails() async throws {
        // Items before metadata: the version is unknown when the connection breaks.
        let body = #"{"items":["# + Self.object("a") + "," + Self.object("b") + #"],"metadata":{"resourceVersion":"5"}}"#
        // The connection breaks only once the test has taken "a": with nothing handed on, the page could be asked for
        // again afresh, and whether the break is seen before "a" is handed on would be up to the machine's load.
        let (handedOn, handOn) = AsyncStream<Never>.makeStream()
        try await ScriptedServer.with { _, _ in
            .cut(chunks: Self.chunks(of: body, upTo: "b"), until: { for await _ in handedOn {} })
        } run: { server in
            var names: [String] = []
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) { client in
                    for try await object in client.listAll(TestObject.self).items {
                        names.append(object.name)
                        handOn.finish()
                    }
                }
            }
            #expect(names == ["a"])
            #expect(error?.isTransport == true)
            #expect(server.requests.count == 1)
        }
    }

    @Test("A page whose connection keeps breaking fails after the policy's attempts, as a broken request does")
    func brokenPageBounded() async throws {
        let second = Self.page(["c", "d"])
        try await ScriptedServer.with { _, index in
            index == 0
                ? .respond(status: 200, body: Self.page(["a", "b"], continue: "t1")) : .cut(chunks: Self.chunks(of: second, upTo: "d"))
        } run: { server in
            let (names, error) = await Self.failedList(server, options: .testing(maxAttempts: 3))
            #expect(names == ["a", "b", "c"])
            #expect(error?.isTransport == true)
            #expect(error?.description.hasSuffix("; tried 3 times") == true)
            #expect(server.requests.count == 4)
        }
    }

    @Test("A page read again after its snapshot expired fails with the server's 410 Expired")
    func expiredSnapshotFails() async throws {
        try await ScriptedServer.with { _, index in
            switch index {
            case 0: .respond(status: 200, body: Self.page(["a"], continue: "t1"))
            case 1: .cut(chunks: Self.chunks(of: Self.page(["b", "c"]), upTo: "c"))
            default:
                .respond(
                    status: 410,
                    body:
                        #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"The provided continue parameter is too old","reason":"Expired","code":410}"#
                )
            }
        } run: { server in
            let error = await expectAPIError { try await withClient(.testing(server.url)) { try await Self.names($0) } }
            #expect(error?.reason == .expired)
            #expect(error?.status?.message == "The provided continue parameter is too old")
            #expect(server.requests.count == 3)
        }
    }

    @Test("An undecodable object fails the LIST with one line naming the resource and the object's index")
    func undecodableObject() async throws {
        let body = #"{"metadata":{},"items":["# + Self.object("a") + #",{"metadata":{"name":5}}]}"#
        try await ScriptedServer.with { _, _ in
            .respond(status: 200, body: body)
        } run: { server in
            let (names, error) = await Self.failedList(server)
            #expect(names == ["a"])
            let message = try #require(error?.description)
            #expect(
                message.hasPrefix(
                    #"invalid response: cannot list configmaps in namespace "demo": cannot decode item 1 of the list as TestObject: .metadata.name: "#
                ))
            #expect(!message.contains("\n"))
            #expect(server.requests.count == 1, "a malformed answer is not retried")
        }
    }

    @Test("An answer that is not a LIST fails with one line saying where")
    func malformedAnswer() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 200, body: #"{"items":[{"metadata":{}},42]}"#)
        } run: { server in
            let error = await expectAPIError { try await withClient(.testing(server.url)) { try await Self.names($0) } }
            #expect(
                error?.description
                    == #"invalid response: cannot list configmaps in namespace "demo": item 1 is not a JSON object (it starts with '4' at byte 26)"#
            )
        }
    }

    @Test("Error answers are retried and reported as for any request; the stream starts with the answer that succeeds")
    func errorAnswers() async throws {
        try await ScriptedServer.with { _, index in
            switch index {
            case 0: .respond(status: 503, body: "busy")
            case 1: .respond(status: 200, body: Self.page(["a"], continue: "t1"))
            default: .respond(status: 403, body: #"{"kind":"Status","code":403,"reason":"Forbidden","message":"no"}"#)
            }
        } run: { server in
            let (names, error) = await Self.failedList(server)
            #expect(names == ["a"])
            #expect(error?.isForbidden == true)
            #expect(server.requests.count == 3)
        }
    }
}
