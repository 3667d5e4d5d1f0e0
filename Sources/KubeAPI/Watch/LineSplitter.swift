/// Splits a byte stream into newline-terminated lines. A line may span any number of chunks and a chunk may hold
/// any number of lines — or none: a chunk without a newline only grows the pending line, it never ends the stream.
///
/// A line longer than `maxLineBytes` fails the stream as soon as the byte past the limit arrives: no more than the
/// limit is ever buffered, whatever the server sends.
struct LineSplitter: Sendable {
    struct LineTooLong: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "a watch event is larger than \(limit) bytes (no newline within the limit)" }
    }

    let maxLineBytes: Int
    private var pending: [UInt8] = []

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Appends `bytes` and returns the lines it completed, without their newlines; blank lines are skipped.
    mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(LineTooLong) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var rest = bytes[...]
        while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            try take(rest[..<newline])
            if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
            if !pending.isEmpty { lines.append(pending) }
            pending.removeAll(keepingCapacity: true)
            rest = rest[rest.index(after: newline)...]
        }
        try take(rest)
        return lines
    }

    /// Adds a piece of the pending line, refusing it before it is copied when the line would pass the limit.
    private mutating func take(_ piece: some Collection<UInt8>) throws(LineTooLong) {
        guard pending.count + piece.count <= maxLineBytes else { throw LineTooLong(limit: maxLineBytes) }
        pending.append(contentsOf: piece)
    }

    /// The unterminated last line, when the stream ended without a final newline.
    mutating func finish() -> [UInt8]? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : pending
    }
}
