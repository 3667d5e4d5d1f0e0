import Foundation
import KubeTesting
import NIOConcurrencyHelpers
import Testing

@testable import KubeAPI

/// Answers written to hurt — web pages, invalid UTF-8, empty and cut bodies, `null`, a line that never ends — to a
/// GET, a LIST and a WATCH: each is one line saying what came back, bounded in size, never a crash or a hang.
@Suite("API answers: hostile input", .dedicatedThreads, .timeLimit(.minutes(2)))
struct HostileAnswerTests {
    enum Operation: String, Sendable {
        case get, list, watch
    }

    struct HostileCase: CustomTestStringConvertible, Sendable {
        var name: String
        var operation: Operation
        var response: ScriptedResponse
        /// The error's whole description; nil when the documented behaviour is that the call succeeds.
        var message: String?
        var testDescription: String { "\(operation.rawValue): \(name)" }
    }

    static let html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    static let htmlHeaders = [("Content-Type", "text/html")]
    /// An item whose string holds bytes that are not UTF-8.
    static let invalidUTF8Item = Array(#"{"metadata":{"name":"a"},"data":{"k":"v"#.utf8) + [0xFF, 0xFE] + Array(#""}}"#.utf8)

    static let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    static let get = #"cannot get configmaps "cm" in namespace "demo""#
    static let list = #"cannot list configmaps in namespace "demo""#
    static let watch = #"cannot watch configmaps in namespace "demo""#

    static let cases: [HostileCase] = [
        HostileCase(
            name: "an HTML page with status 200", operation: .get,
            response: .respond(status: 200, headers: htmlHeaders, body: html),
            message:
                #"invalid response: \#(get): cannot decode TestObject: the answer is not JSON: HTTP 200, content type "text/html", 50 bytes: "502 Bad Gateway""#
        ),
        HostileCase(
            name: "an HTML page with status 502", operation: .get,
            response: .respond(status: 502, headers: htmlHeaders, body: html),
            message:
                #"HTTP 502: \#(get): the answer is an HTML page of 50 bytes, not from a Kubernetes API server (is the server URL right?): HTTP 502, content type "text/html", 50 bytes: "502 Bad Gateway""#
        ),
        HostileCase(
            name: "an empty body", operation: .get, response: .respond(status: 200, body: ""),
            message:
                #"invalid response: \#(get): cannot decode TestObject: the answer is not JSON: HTTP 200, content type "application/json", no body"#
        ),
        HostileCase(
            name: "truncated JSON", operation: .get, response: .respond(status: 200, body: #"{"metadata":{"name":"c"#),
            message: "invalid response: \(get): cannot decode TestObject: The given data was not valid JSON."
        ),
        HostileCase(
            name: "JSON null", operation: .get, response: .respond(status: 200, body: "null"),
            message:
                #"invalid response: \#(get): cannot decode TestObject: the answer is not JSON: HTTP 200, content type "application/json", 4 bytes: "null""#
        ),
        HostileCase(
            name: "invalid UTF-8 in a string", operation: .get, response: .bytes(body: invalidUTF8Item),
            message: "invalid response: \(get): cannot decode TestObject: the JSON is not valid UTF-8 text"
        ),
        HostileCase(
            name: "a Status whose message holds an escape sequence, a newline and 10 kB", operation: .get,
            response: .respond(
                status: 403,
                body:
                    #"{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,"message":"no\u001b[31m\nway "#
                    + String(repeating: "x", count: 10_000) + #""}"#),
            // Cut after 512 characters: 59 of context, 12 of the message's start (its escapes count as one each).
            message: "forbidden: \(get): no\\u{1b}[31m\\u{a}way " + String(repeating: "x", count: 441) + "… (10071 bytes)"
        ),
        HostileCase(
            name: "arrays nested 100,000 deep", operation: .get, response: .respond(status: 200, body: deep),
            message: "invalid response: \(get): cannot decode TestObject: The given data was not valid JSON."
        ),
        HostileCase(
            name: "an HTML page with status 200", operation: .list,
            response: .respond(status: 200, headers: htmlHeaders, body: html),
            message: #"invalid response: \#(list): the answer is not JSON: HTTP 200, content type "text/html": "502 Bad Gateway""#
        ),
        HostileCase(
            name: "an empty body", operation: .list, response: .respond(status: 200, body: ""),
            message: #"invalid response: \#(list): the answer is not JSON: HTTP 200, content type "application/json", no body"#
        ),
        HostileCase(
            name: "truncated JSON", operation: .list, response: .respond(status: 200, body: #"{"items":[{"metadata":{"name":"a"}}"#),
            message: "invalid response: \(list): the answer ended early, after 35 bytes"
        ),
        HostileCase(
            name: "a null item", operation: .list, response: .respond(status: 200, body: #"{"items":[null]}"#),
            message: "invalid response: \(list): item 0 is not a JSON object (it starts with 'n' at byte 10)"
        ),
        HostileCase(
            name: "invalid UTF-8 in an item's string", operation: .list,
            response: .bytes(body: Array(#"{"items":["#.utf8) + invalidUTF8Item + Array("]}".utf8)),
            message: "invalid response: \(list): cannot decode item 0 of the list as TestObject: the JSON is not valid UTF-8 text"
        ),
        HostileCase(
            name: "an HTML page with status 200", operation: .watch,
            response: .respond(status: 200, headers: htmlHeaders, body: html),
            message:
                #"invalid response: \#(watch): undecodable watch event: the stream is not JSON: HTTP 200, content type "text/html": "502 Bad Gateway""#
        ),
        HostileCase(
            name: "an HTML page with status 502", operation: .watch,
            response: .respond(status: 502, headers: htmlHeaders, body: html),
            message:
                #"HTTP 502: \#(watch): the answer is an HTML page of 50 bytes, not from a Kubernetes API server (is the server URL right?): HTTP 502, content type "text/html", 50 bytes: "502 Bad Gateway""#
        ),
        HostileCase(
            name: "an empty body: the watch ends, as when its timeout elapses", operation: .watch,
            response: .respond(status: 200, body: ""), message: nil),
        HostileCase(
            name: "an event cut short", operation: .watch, response: .chunked(chunks: [#"{"type":"ADDED","object":{"metadata":"#]),
            message: "invalid response: \(watch): undecodable watch event: The given data was not valid JSON."
        ),
        HostileCase(
            name: "arrays nested 100,000 deep", operation: .watch,
            response: .chunked(chunks: [#"{"type":"ADDED","object":"# + deep + "}\n"]),
            message: "invalid response: \(watch): undecodable watch event: The given data was not valid JSON."
        ),
        HostileCase(
            name: "arrays nested 100,000 deep in an item", operation: .list,
            response: .respond(status: 200, body: #"{"items":[{"a":"# + deep + "}]}"),
            message: "invalid response: \(list): brackets nest deeper than 512 levels at byte 526"
        ),
        HostileCase(
            name: "a null event", operation: .watch, response: .chunked(chunks: ["null\n"]),
            message:
                #"invalid response: \#(watch): undecodable watch event: the stream is not JSON: HTTP 200, content type "application/json": "null""#
        ),
        HostileCase(
            name: "invalid UTF-8 in an event's string", operation: .watch,
            response: .bytes(body: Array(#"{"type":"ADDED","object":"#.utf8) + invalidUTF8Item + Array("}\n".utf8)),
            message: "invalid response: \(watch): undecodable watch event: the JSON is not valid UTF-8 text"
        ),
    ]

    @Test(arguments: cases)
    func answered(_ testCase: HostileCase) async throws {
        let response = testCase.response
        try await ScriptedServer.with { _, _ in
            response
        } run: { server in
            do {
                try await withClient(.testing(server.url)) { try await Self.perform(testCase.operation, with: $0) }
                #expect(testCase.message == nil, "the call succeeded")
            } catch let error as KubeAPIError {
                #expect(error.description == testCase.message)
                #expect(!error.description.contains("\n"))
                #expect(error.description.count <= EchoedText.shownCharacters * 8 + 40)
            }
        }
    }

    static func perform(_ operation: Operation, with client: KubernetesClient) async throws {
        switch operation {
        case .get: _ = try await client.get(TestObject.self, name: "cm")
        case .list: for try await _ in client.listAll(TestObject.self).items {}
        case .watch: for try await _ in client.watch(TestObject.self, options: WatchOptions(resourceVersion: "1")) {}
        }
    }

    // MARK: - An object that never ends

    /// 100 MB sent 64 KiB at a time, each chunk once the one before is on the wire.
    static let endless = (chunk: [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024), count: 1600)
    static let limit = ClientOptions.defaultMaxObjectBytes

    @Test(
        "A 100 MB watch line or LIST item fails at the object limit: the client stops reading, never buffers it",
        arguments: [
            (Operation.watch, #"{"type":"ADDED","object":{"metadata":{"name":"a"},"data":{"k":""#),
            (Operation.list, #"{"kind":"ConfigMapList","items":[{"metadata":{"name":"a"},"data":{"k":""#),
        ])
    func endlessObject(_ operation: Operation, prefix: String) async throws {
        let sent = NIOLockedValueBox(0)
        let response = ScriptedResponse.repeated(
            prefix: Array(prefix.utf8), chunk: Self.endless.chunk, count: Self.endless.count, sent: sent)
        try await ScriptedServer.with { _, _ in
            response
        } run: { server in
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) { try await Self.perform(operation, with: $0) }
            }
            let context = operation == .watch ? Self.watch : Self.list
            let problem =
                operation == .watch
                ? "a watch event is larger than \(Self.limit) bytes (no newline within the limit)"
                : "item 0 is larger than \(Self.limit) bytes"
            #expect(error?.description == "invalid response: \(context): \(problem)")
        }
        // What the server got onto the wire before the client stopped reading: the limit, plus what the sockets and
        // the HTTP client hold — far from the 100 MB on offer.
        let written = sent.withLockedValue { $0 }
        #expect(written >= Self.limit)
        #expect(written < 3 * Self.limit, "\(written) bytes written")
    }

    @Test("The watch line splitter gives up on the chunk that passes the limit, having kept no more than the limit")
    func lineSplitterBound() throws {
        var splitter = LineSplitter(maxLineBytes: Self.limit)
        var accepted = 0
        #expect(throws: LineSplitter.LineTooLong.self) {
            for _ in 0..<Self.endless.count {
                _ = try splitter.append(Self.endless.chunk)
                accepted += Self.endless.chunk.count
            }
        }
        #expect(accepted == Self.limit)
    }

    @Test("The LIST splitter gives up on an item at the byte that passes the limit")
    func listSplitterBound() throws {
        var splitter = ListItemSplitter(maxItemBytes: Self.limit)
        let prefix = Array(#"{"items":[{"k":""#.utf8)
        _ = try splitter.append(prefix)
        var accepted = 0
        do {
            for _ in 0..<Self.endless.count {
                _ = try splitter.append(Self.endless.chunk)
                accepted += Self.endless.chunk.count
            }
            Issue.record("a 100 MB item was accepted")
        } catch let malformed as ListItemSplitter.Malformed {
            #expect(malformed == ListItemSplitter.Malformed(.itemTooLarge(index: 0, limit: Self.limit), at: 10 + Self.limit))
        }
        // The item's first 6 bytes came with the prefix; the chunk that would carry it past the limit is refused.
        #expect(accepted == (Self.limit - 6) / Self.endless.chunk.count * Self.endless.chunk.count)
    }
}
