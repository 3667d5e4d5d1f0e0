/// Splits a byte stream into newline-terminated lines. A line may span any number of chunks and a chunk may hold
/// any number of lines — or none: a chunk without a newline only grows the pending line, it never ends the stream.
struct LineSplitter: Sendable {
    struct LineTooLong: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "a watch line exceeded \(limit) bytes without a newline" }
    }

    let maxLineBytes: Int
    private var pending: [UInt8] = []

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Appends `bytes` and returns the lines it completed, without their newlines; blank lines are skipped.
    mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                if !pending.isEmpty { lines.append(pending) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
                if pending.count > maxLineBytes { throw LineTooLong(limit: maxLineBytes) }
            }
        }
        return lines
    }

    /// The unterminated last line, when the stream ended without a final newline.
    mutating func finish() -> [UInt8]? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : pending
    }
}
