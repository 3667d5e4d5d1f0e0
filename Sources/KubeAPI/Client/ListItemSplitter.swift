#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits the body of a LIST answer (`{"metadata":{…},"items":[{…},{…}]}`) into the bytes of each element of its
/// top-level `items` array, handed out as soon as the element's last byte arrives, and the bytes of its top-level
/// `metadata` object. Only an unfinished element (or the metadata) is buffered, never the page.
///
/// It follows the JSON structure — strings and their escapes, nesting and the kind of each bracket — without
/// decoding anything: each element is decoded by the caller. `items` and `metadata` may come in either order, among
/// any other members; `"items": null` and `"metadata": null` read as absent. A member whose key is written with
/// escapes is never taken for `items` or `metadata` (no API server writes them so).
struct ListItemSplitter: Sendable {
    /// The largest element or metadata object accepted.
    let maxItemBytes: Int
    private var state = State.start
    /// Bytes appended so far (during `append`, before the current chunk).
    private(set) var consumed = 0
    /// Elements of `items` completed so far.
    private(set) var itemCount = 0
    /// The top-level `metadata` object, once its closing brace has arrived.
    private(set) var metadata: [UInt8]?
    private var sawItems = false
    private var sawMetadata = false
    /// The key of the member being read: at most `longestKey` bytes are kept, enough to recognise the two that matter.
    private var key: [UInt8] = []
    private var keyIsPlain = true
    /// The value being read inside an object or array (or a top-level string): what to do with it and its state.
    private var value = NestedValue()
    /// The bytes of the element or metadata being captured, up to the current chunk.
    private var captured: [UInt8] = []
    /// The position in `null` of a `null` being read for `items` or `metadata`.
    private var literalIndex = 0

    init(maxItemBytes: Int) {
        self.maxItemBytes = maxItemBytes
    }

    /// Appends the next chunk of the body and returns the elements of `items` it completed, in order.
    /// Throws `Malformed` when the bytes cannot be part of a LIST answer.
    mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws -> [[UInt8]] {
        if let completed = try bytes.withContiguousStorageIfAvailable({ try split(UnsafeRawBufferPointer($0)) }) {
            return completed
        }
        return try Array(bytes).withUnsafeBytes { try split($0) }
    }

    /// Checks that the body ended where a JSON object ends, and returns the `metadata` object's bytes, if it had one.
    func finish() throws -> [UInt8]? {
        guard case .end = state else { throw Malformed(.truncated, at: consumed) }
        return metadata
    }

    // MARK: - The state machine

    private enum State: Equatable {
        /// Before the body's opening brace.
        case start
        /// After the body's opening brace: a key or the closing brace.
        case firstKey
        /// After a comma between members: a key.
        case nextKey
        case key
        case colon
        case value
        /// Inside `null` given for `items` or `metadata`.
        case null
        /// Inside a number, `true`, `false` or `null` given for another member.
        case scalar
        /// Inside an object, array or string value; `value` says whose.
        case nested
        /// After `"items": [`: the first element or the closing bracket.
        case firstItem
        /// After a comma between elements: an element.
        case nextItem
        /// After an element: a comma or the closing bracket.
        case afterItem
        /// After a member's value: a comma or the body's closing brace.
        case afterValue
        /// After the body's closing brace: only whitespace may follow.
        case end
    }

    /// What a nested value is read for.
    private enum Target: Equatable {
        case item
        case metadata
        case skipped
    }

    /// The state of the value being read inside brackets or quotes.
    private struct NestedValue {
        var target = Target.skipped
        /// The closing brackets still expected, innermost last.
        var closers: [UInt8] = []
        var inString = false
        var escaped = false

        var isComplete: Bool { !inString && closers.isEmpty }
    }

    private static let longestKey = 8
    /// How deep brackets may nest inside a member of the answer, as in Foundation's JSON parser.
    static let maxDepth = 512
    private static let itemsKey = Array("items".utf8)
    private static let metadataKey = Array("metadata".utf8)
    private static let null = Array("null".utf8)

    private mutating func split(_ chunk: UnsafeRawBufferPointer) throws -> [[UInt8]] {
        var completed: [[UInt8]] = []
        // Where the capture of the current element or metadata starts in this chunk.
        var captureStart: Int? = state == .nested && value.target != .skipped ? 0 : nil
        var index = 0
        while index < chunk.count {
            let byte = chunk[index]
            let offset = consumed + index
            switch state {
            case .start:
                if !Self.isWhitespace(byte) {
                    guard byte == ASCII.openBrace else { throw Malformed(.notAnObject(found: byte), at: offset) }
                    state = .firstKey
                }
            case .firstKey, .nextKey:
                if !Self.isWhitespace(byte) {
                    if byte == ASCII.quote {
                        key.removeAll(keepingCapacity: true)
                        keyIsPlain = true
                        value = NestedValue(inString: true)
                        state = .key
                    } else if byte == ASCII.closeBrace, state == .firstKey {
                        state = .end
                    } else {
                        throw Malformed(.unexpected(byte, expected: "a member's key"), at: offset)
                    }
                }
            case .key:
                readKey(byte)
            case .colon:
                if !Self.isWhitespace(byte) {
                    guard byte == ASCII.colon else { throw Malformed(.unexpected(byte, expected: "':'"), at: offset) }
                    state = .value
                }
            case .value:
                if !Self.isWhitespace(byte) {
                    try startValue(byte, at: offset)
                    if state == .nested, value.target != .skipped { captureStart = index }
                }
            case .null:
                guard byte == Self.null[literalIndex] else {
                    throw Malformed(.unexpected(byte, expected: key == Self.itemsKey ? "an array" : "an object"), at: offset)
                }
                literalIndex += 1
                if literalIndex == Self.null.count { state = .afterValue }
            case .scalar:
                if !Self.isScalarByte(byte) {
                    state = .afterValue
                    continue  // The byte after a scalar belongs to what follows it.
                }
            case .nested:
                if value.inString, !value.escaped {
                    // Most of an object's bytes are inside strings: skip to the string's next quote or backslash.
                    let end = Self.quoteOrBackslash(in: chunk, from: index)
                    if end > index {
                        if let start = captureStart, captured.count + end - start > maxItemBytes {
                            throw Malformed(tooLarge(), at: consumed + start + maxItemBytes - captured.count)
                        }
                        index = end
                        continue
                    }
                }
                try readNested(byte, at: offset)
                if let start = captureStart {
                    let size = captured.count + index - start + 1
                    if size > maxItemBytes { throw Malformed(tooLarge(), at: offset) }
                }
                if value.isComplete {
                    if let start = captureStart {
                        captured.append(contentsOf: chunk[start...index])
                        captureStart = nil
                    }
                    complete(into: &completed)
                }
            case .firstItem, .nextItem:
                if !Self.isWhitespace(byte) {
                    if byte == ASCII.openBrace {
                        value = NestedValue(target: .item, closers: [ASCII.closeBrace])
                        captured.removeAll(keepingCapacity: true)
                        captureStart = index
                        state = .nested
                    } else if byte == ASCII.closeBracket, state == .firstItem {
                        state = .afterValue
                    } else {
                        throw Malformed(.itemNotAnObject(index: itemCount, found: byte), at: offset)
                    }
                }
            case .afterItem:
                if !Self.isWhitespace(byte) {
                    if byte == ASCII.comma {
                        state = .nextItem
                    } else if byte == ASCII.closeBracket {
                        state = .afterValue
                    } else {
                        throw Malformed(.unexpected(byte, expected: "',' or ']' after item \(itemCount - 1)"), at: offset)
                    }
                }
            case .afterValue:
                if !Self.isWhitespace(byte) {
                    if byte == ASCII.comma {
                        state = .nextKey
                    } else if byte == ASCII.closeBrace {
                        state = .end
                    } else {
                        throw Malformed(.unexpected(byte, expected: "',' or '}'"), at: offset)
                    }
                }
            case .end:
                if !Self.isWhitespace(byte) { throw Malformed(.trailing(byte), at: offset) }
            }
            index += 1
        }
        if let start = captureStart { captured.append(contentsOf: chunk[start...]) }
        consumed += chunk.count
        return completed
    }

    private mutating func readKey(_ byte: UInt8) {
        if value.escaped {
            value.escaped = false
            keyIsPlain = false
        } else if byte == ASCII.backslash {
            value.escaped = true
            keyIsPlain = false
        } else if byte == ASCII.quote {
            state = .colon
            return
        }
        if key.count <= Self.longestKey { key.append(byte) }
    }

    /// The first byte of a member's value.
    private mutating func startValue(_ byte: UInt8, at offset: Int) throws {
        let isItems = keyIsPlain && key == Self.itemsKey
        let isMetadata = keyIsPlain && key == Self.metadataKey
        if isItems || isMetadata {
            if isItems ? sawItems : sawMetadata { throw Malformed(.duplicate(isItems ? "items" : "metadata"), at: offset) }
            if isItems { sawItems = true } else { sawMetadata = true }
            if byte == Self.null[0] {
                literalIndex = 1
                state = .null
            } else if isItems, byte == ASCII.openBracket {
                state = .firstItem
            } else if isMetadata, byte == ASCII.openBrace {
                value = NestedValue(target: .metadata, closers: [ASCII.closeBrace])
                captured.removeAll(keepingCapacity: true)
                state = .nested
            } else {
                throw Malformed(.unexpected(byte, expected: isItems ? "an array" : "an object"), at: offset)
            }
            return
        }
        switch byte {
        case ASCII.openBrace: value = NestedValue(closers: [ASCII.closeBrace])
        case ASCII.openBracket: value = NestedValue(closers: [ASCII.closeBracket])
        case ASCII.quote: value = NestedValue(inString: true)
        case _ where Self.isScalarByte(byte):
            state = .scalar
            return
        default: throw Malformed(.unexpected(byte, expected: "a value"), at: offset)
        }
        state = .nested
    }

    /// One byte inside a nested value: strings and escapes, and brackets that must close in order.
    private mutating func readNested(_ byte: UInt8, at offset: Int) throws {
        if value.inString {
            if value.escaped {
                value.escaped = false
            } else if byte == ASCII.backslash {
                value.escaped = true
            } else if byte == ASCII.quote {
                value.inString = false
            }
            return
        }
        switch byte {
        case ASCII.quote: value.inString = true
        case ASCII.openBrace, ASCII.openBracket:
            guard value.closers.count < Self.maxDepth else { throw Malformed(.tooDeep(limit: Self.maxDepth), at: offset) }
            value.closers.append(byte == ASCII.openBrace ? ASCII.closeBrace : ASCII.closeBracket)
        case ASCII.closeBrace, ASCII.closeBracket:
            guard value.closers.last == byte else {
                let expected = value.closers.last.map { "'\(Character(UnicodeScalar($0)))'" } ?? "no closing bracket"
                throw Malformed(.unexpected(byte, expected: expected), at: offset)
            }
            value.closers.removeLast()
        default: break
        }
    }

    /// A nested value's last byte has been read.
    private mutating func complete(into completed: inout [[UInt8]]) {
        switch value.target {
        case .item:
            completed.append(captured)
            itemCount += 1
            state = .afterItem
        case .metadata:
            metadata = captured
            state = .afterValue
        case .skipped:
            state = .afterValue
        }
        // The next element is about as large: start it at this one's capacity rather than grow it from nothing.
        captured.removeAll(keepingCapacity: true)
    }

    private func tooLarge() -> Malformed.Code {
        value.target == .item ? .itemTooLarge(index: itemCount, limit: maxItemBytes) : .metadataTooLarge(limit: maxItemBytes)
    }

    /// The index of the first `"` or `\\` in `chunk` from `start`, or the chunk's end.
    private static func quoteOrBackslash(in chunk: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard let base = chunk.baseAddress, start < chunk.count else { return chunk.count }
        let length = chunk.count - start
        let quote = memchr(base + start, Int32(ASCII.quote), length).map { base.distance(to: $0) } ?? chunk.count
        let backslash = memchr(base + start, Int32(ASCII.backslash), quote - start).map { base.distance(to: $0) }
        return backslash ?? quote
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The bytes of a number, `true`, `false` or `null`.
    private static func isScalarByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2B || byte == 0x2E
            || byte == 0x45
    }

    private enum ASCII {
        static let openBrace = UInt8(ascii: "{")
        static let closeBrace = UInt8(ascii: "}")
        static let openBracket = UInt8(ascii: "[")
        static let closeBracket = UInt8(ascii: "]")
        static let quote = UInt8(ascii: "\"")
        static let backslash = UInt8(ascii: "\\")
        static let colon = UInt8(ascii: ":")
        static let comma = UInt8(ascii: ",")
    }
}

extension ListItemSplitter {
    /// A LIST answer that is not the JSON object a LIST returns, with the byte offset where that became clear.
    struct Malformed: Error, Equatable, CustomStringConvertible {
        enum Code: Equatable {
            case notAnObject(found: UInt8)
            case unexpected(UInt8, expected: String)
            case itemNotAnObject(index: Int, found: UInt8)
            case itemTooLarge(index: Int, limit: Int)
            case metadataTooLarge(limit: Int)
            case tooDeep(limit: Int)
            case duplicate(String)
            case truncated
            case trailing(UInt8)
        }

        let code: Code
        /// The offset of the offending byte in the body, or the body's length when it ended early.
        let offset: Int

        init(_ code: Code, at offset: Int) {
            self.code = code
            self.offset = offset
        }

        var description: String {
            switch code {
            case .notAnObject(let found): "the answer is not a JSON object (it starts with \(Self.show(found)))"
            case .unexpected(let found, let expected): "\(Self.show(found)) at byte \(offset) where \(expected) belongs"
            case .itemNotAnObject(let index, let found):
                "item \(index) is not a JSON object (it starts with \(Self.show(found)) at byte \(offset))"
            case .itemTooLarge(let index, let limit): "item \(index) is larger than \(limit) bytes"
            case .metadataTooLarge(let limit): "the list's metadata is larger than \(limit) bytes"
            case .tooDeep(let limit): "brackets nest deeper than \(limit) levels at byte \(offset)"
            case .duplicate(let key): "\"\(key)\" appears twice (at byte \(offset))"
            case .truncated: "the answer ended early, after \(offset) bytes"
            case .trailing(let found): "\(Self.show(found)) at byte \(offset), after the end of the answer"
            }
        }

        /// A byte as a quoted printable character, or in hex.
        private static func show(_ byte: UInt8) -> String {
            guard !(0x21...0x7E).contains(byte) else { return "'\(Character(UnicodeScalar(byte)))'" }
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
}
