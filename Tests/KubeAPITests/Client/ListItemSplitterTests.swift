import Testing

@testable import KubeAPI

@Suite("LIST answer splitting")
struct ListItemSplitterTests {
    typealias Malformed = ListItemSplitter.Malformed

    struct Case: Sendable, CustomStringConvertible {
        let body: String
        /// The elements of `items`, each exactly as its bytes appear in the body.
        var items: [String] = []
        var metadata: String?
        /// The error the body ends with, after `items` came out (fed one byte at a time).
        var error: Malformed?
        var maxItemBytes = 1024
        var description: String { body.count > 80 ? String(body.prefix(77)) + "..." : body }
    }

    static let pod = #"{"metadata":{"name":"a","labels":{"app":"web"}},"spec":{"containers":[{"name":"c"}]}}"#
    /// Every character that could mislead a splitter that ignores strings: brackets, braces, quotes and escapes.
    static let tricky = #"{"s":"}]{[\"\\","a":["x]",{"c":"\\\""}],"u":"\u007d é ☃","e":""}"#

    static let valid: [Case] = [
        Case(
            body:
                #"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"abc"},"items":[\#(pod),{"metadata":{"name":"b"}}]}"#,
            items: [pod, #"{"metadata":{"name":"b"}}"#], metadata: #"{"resourceVersion":"7","continue":"abc"}"#),
        Case(
            body: #"{"apiVersion":"v1","items":[{"n":1}],"kind":"PodList","metadata":{"resourceVersion":"8"}}"#,
            items: [#"{"n":1}"#], metadata: #"{"resourceVersion":"8"}"#),
        Case(body: "{\n  \"items\": [ ],\n  \"metadata\" : { }\n}\n", metadata: "{ }"),
        Case(body: #"{"items":null,"metadata":{"resourceVersion":"9"}}"#, metadata: #"{"resourceVersion":"9"}"#),
        Case(body: #"{"metadata":null,"items":[{}]}"#, items: ["{}"]),
        Case(body: #"{"metadata":{"resourceVersion":"1"}}"#, metadata: #"{"resourceVersion":"1"}"#),
        Case(body: "{}"),
        Case(body: " \r\n\t{ } \r\n\t"),
        Case(body: #"{"items":[\#(tricky), \#(tricky)]}"#, items: [tricky, tricky]),
        Case(
            body: "{\"items\" :\n[\n  {\"a\" : [ 1, 2 ]}\n ,\n  {\"b\":{}}\n]\n}",
            items: [#"{"a" : [ 1, 2 ]}"#, #"{"b":{}}"#]),
        // Members other than items and metadata are skipped whatever they hold, `items` keys nested in them included.
        Case(
            body:
                #"{"extra":{"items":[{"no":1}],"metadata":{}},"n":-1.5e3,"t":true,"f":false,"z":null,"s":"items","arr":[[],{}],"items":[{"yes":1}]}"#,
            items: [#"{"yes":1}"#]),
        Case(body: #"{"itemsX":[{"no":1}],"metadat":{"no":2}}"#),
    ]

    static let invalid: [Case] = [
        Case(body: "", error: Malformed(.truncated, at: 0)),
        Case(body: "  ", error: Malformed(.truncated, at: 2)),
        Case(body: "[]", error: Malformed(.notAnObject(found: UInt8(ascii: "[")), at: 0)),
        Case(body: #""items""#, error: Malformed(.notAnObject(found: UInt8(ascii: "\"")), at: 0)),
        Case(body: "<html></html>", error: Malformed(.notAnObject(found: UInt8(ascii: "<")), at: 0)),
        Case(body: #"{"items":[1]}"#, error: Malformed(.itemNotAnObject(index: 0, found: UInt8(ascii: "1")), at: 10)),
        Case(
            body: #"{"items":[{"a":1},"x"]}"#, items: [#"{"a":1}"#],
            error: Malformed(.itemNotAnObject(index: 1, found: UInt8(ascii: "\"")), at: 18)),
        Case(
            body: #"{"items":[{"a":1},]}"#, items: [#"{"a":1}"#],
            error: Malformed(.itemNotAnObject(index: 1, found: UInt8(ascii: "]")), at: 18)),
        Case(body: #"{"items":[{"a":[1}]}"#, error: Malformed(.unexpected(UInt8(ascii: "}"), expected: "']'"), at: 17)),
        Case(body: #"{"x":{"a":1]}"#, error: Malformed(.unexpected(UInt8(ascii: "]"), expected: "'}'"), at: 11)),
        Case(
            body: #"{"items":[{"a":1}]]}"#, items: [#"{"a":1}"#],
            error: Malformed(.unexpected(UInt8(ascii: "]"), expected: "',' or '}'"), at: 18)),
        Case(
            body: #"{"items":[{"a":1}}"#, items: [#"{"a":1}"#],
            error: Malformed(.unexpected(UInt8(ascii: "}"), expected: "',' or ']' after item 0"), at: 17)),
        Case(body: #"{"items":[{"a":1}"#, items: [#"{"a":1}"#], error: Malformed(.truncated, at: 17)),
        Case(body: #"{"items":[{"a":"open}]}"#, error: Malformed(.truncated, at: 23)),
        Case(body: #"{"items":[],"n":12"#, error: Malformed(.truncated, at: 18)),
        Case(body: #"{"items":[]} x"#, error: Malformed(.trailing(UInt8(ascii: "x")), at: 13)),
        Case(body: #"{"items":[]}{}"#, error: Malformed(.trailing(UInt8(ascii: "{")), at: 12)),
        Case(body: #"{"items":{}}"#, error: Malformed(.unexpected(UInt8(ascii: "{"), expected: "an array"), at: 9)),
        Case(body: #"{"items":nil}"#, error: Malformed(.unexpected(UInt8(ascii: "i"), expected: "an array"), at: 10)),
        Case(body: #"{"metadata":[]}"#, error: Malformed(.unexpected(UInt8(ascii: "["), expected: "an object"), at: 12)),
        Case(body: #"{"items":[],"items":[]}"#, error: Malformed(.duplicate("items"), at: 20)),
        Case(body: #"{"a" 1}"#, error: Malformed(.unexpected(UInt8(ascii: "1"), expected: "':'"), at: 5)),
        Case(body: #"{"a":1 "b":2}"#, error: Malformed(.unexpected(UInt8(ascii: "\""), expected: "',' or '}'"), at: 7)),
        Case(body: #"{"a":}"#, error: Malformed(.unexpected(UInt8(ascii: "}"), expected: "a value"), at: 5)),
        Case(body: "{,}", error: Malformed(.unexpected(UInt8(ascii: ","), expected: "a member's key"), at: 1)),
        Case(body: #"{"a":1,}"#, error: Malformed(.unexpected(UInt8(ascii: "}"), expected: "a member's key"), at: 7)),
        Case(
            body: #"{"items":[{"a":1},{"big":"0123456789"}]}"#, items: [#"{"a":1}"#],
            error: Malformed(.itemTooLarge(index: 1, limit: 16), at: 34), maxItemBytes: 16),
        Case(
            body: #"{"metadata":{"continue":"0123456789"}}"#,
            error: Malformed(.metadataTooLarge(limit: 16), at: 28), maxItemBytes: 16),
        Case(
            body: #"{"x":"# + String(repeating: "[", count: 513) + "]}",
            error: Malformed(.tooDeep(limit: 512), at: 517)),
    ]

    /// Feeds `body` in the given chunks and returns the elements, the metadata and the error it ended with.
    static func split(_ example: Case, chunks: [ArraySlice<UInt8>]) -> (items: [String], metadata: String?, error: Malformed?) {
        var splitter = ListItemSplitter(maxItemBytes: example.maxItemBytes)
        var items: [String] = []
        do {
            for chunk in chunks { items += try splitter.append(chunk).map { String(decoding: $0, as: UTF8.self) } }
            let metadata = try splitter.finish().map { String(decoding: $0, as: UTF8.self) }
            return (items, metadata, nil)
        } catch let error as Malformed {
            return (items, nil, error)
        } catch {
            Issue.record("unexpected error \(error)")
            return (items, nil, nil)
        }
    }

    /// The body whole, cut in two at every byte boundary, and one byte at a time.
    static func chunkings(_ body: String) -> [[ArraySlice<UInt8>]] {
        let bytes = Array(body.utf8)
        var chunkings = [[bytes[...]]]
        for cut in 0...bytes.count { chunkings.append([bytes[..<cut], bytes[cut...]]) }
        chunkings.append(bytes.indices.map { bytes[$0...$0] })
        return chunkings
    }

    @Test("Elements and metadata come out exactly, whatever the chunk boundaries", arguments: valid)
    func splitsValid(_ example: Case) {
        for chunks in Self.chunkings(example.body) {
            let result = Self.split(example, chunks: chunks)
            #expect(result.error == nil, "chunks of \(chunks.map(\.count))")
            #expect(result.items == example.items, "chunks of \(chunks.map(\.count))")
            #expect(result.metadata == example.metadata, "chunks of \(chunks.map(\.count))")
        }
    }

    @Test("A body that is not a LIST answer fails at the same byte whatever the chunking", arguments: invalid)
    func rejectsInvalid(_ example: Case) {
        for chunks in Self.chunkings(example.body) {
            let result = Self.split(example, chunks: chunks)
            #expect(result.error == example.error, "chunks of \(chunks.map(\.count))")
            // The elements the failing chunk completed are not handed out; one byte at a time, all of them are.
            let exact = chunks.count == example.body.utf8.count
            #expect(
                exact ? result.items == example.items : example.items.starts(with: result.items),
                "only whole elements come out before the error; chunks of \(chunks.map(\.count))")
        }
    }

    @Test("An element is handed out with the chunk holding its last byte, not later")
    func handsOutEarly() throws {
        var splitter = ListItemSplitter(maxItemBytes: 1024)
        #expect(try splitter.append(Array(#"{"metadata":{},"items":[{"a":"#.utf8)).isEmpty)
        #expect(try splitter.append(Array(#"1}"#.utf8)) == [Array(#"{"a":1}"#.utf8)])
        #expect(try splitter.append(Array(#",{"b":2},{"c""#.utf8)) == [Array(#"{"b":2}"#.utf8)])
        #expect(try splitter.append(Array(#":3}]}"#.utf8)) == [Array(#"{"c":3}"#.utf8)])
        #expect(try splitter.finish() == Array("{}".utf8))
        #expect(splitter.itemCount == 3)
    }

    @Test("The metadata is known as soon as its object closes, before the elements that follow")
    func metadataEarly() throws {
        var splitter = ListItemSplitter(maxItemBytes: 1024)
        _ = try splitter.append(Array(#"{"metadata":{"resourceVersion":"5"},"items":[{"#.utf8))
        #expect(splitter.metadata == Array(#"{"resourceVersion":"5"}"#.utf8))
    }

    @Test("Messages are one line and say where")
    func messages() {
        #expect(Malformed(.notAnObject(found: 0x0A), at: 0).description == "the answer is not a JSON object (it starts with byte 0x0A)")
        #expect(
            Malformed(.itemNotAnObject(index: 3, found: UInt8(ascii: "1")), at: 40).description
                == "item 3 is not a JSON object (it starts with '1' at byte 40)")
        #expect(Malformed(.truncated, at: 12).description == "the answer ended early, after 12 bytes")
        #expect(Malformed(.trailing(UInt8(ascii: "x")), at: 13).description == "'x' at byte 13, after the end of the answer")
    }
}
