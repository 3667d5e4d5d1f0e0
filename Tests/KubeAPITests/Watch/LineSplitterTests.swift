import Testing

@testable import KubeAPI

@Suite("Watch line splitting")
struct LineSplitterTests {
    struct Case: Sendable, CustomStringConvertible {
        let chunks: [String]
        let lines: [String]
        var description: String { chunks.debugDescription }
    }

    @Test(
        "Lines come out whole whatever the chunk boundaries",
        arguments: [
            Case(chunks: ["a\nb\n"], lines: ["a", "b"]),
            Case(chunks: ["a", "b", "c\n"], lines: ["abc"]),
            Case(
                chunks: ["{\"type\":\"ADD", "ED\"}\n{\"ty", "pe\":\"DELETED\"}\n"],
                lines: ["{\"type\":\"ADDED\"}", "{\"type\":\"DELETED\"}"]),
            Case(chunks: ["no newline yet", " still none", "\n"], lines: ["no newline yet still none"]),
            Case(chunks: ["a\r\n", "\n", "b\n"], lines: ["a", "b"]),
            Case(chunks: ["", "a\n", ""], lines: ["a"]),
            Case(chunks: ["tail without newline"], lines: ["tail without newline"]),
        ])
    func splits(_ example: Case) throws {
        var splitter = LineSplitter(maxLineBytes: 1024)
        var lines: [String] = []
        for chunk in example.chunks {
            lines += try splitter.append(Array(chunk.utf8)).map { String(decoding: $0, as: UTF8.self) }
        }
        if let last = splitter.finish() { lines.append(String(decoding: last, as: UTF8.self)) }
        #expect(lines == example.lines)
    }

    @Test("A line longer than the bound fails instead of growing without limit")
    func boundsLineSize() throws {
        var splitter = LineSplitter(maxLineBytes: 8)
        _ = try splitter.append(Array("1234\n".utf8))
        #expect(throws: LineSplitter.LineTooLong.self) { try splitter.append(Array("123456789".utf8)) }
    }

    @Test("One byte per chunk still yields every line")
    func byteByByte() throws {
        var splitter = LineSplitter(maxLineBytes: 64)
        var lines: [[UInt8]] = []
        for byte in "first\nsecond\n".utf8 { lines += try splitter.append([byte]) }
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == ["first", "second"])
    }
}
