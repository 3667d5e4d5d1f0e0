/// Writes JSON text value by value, in the order its caller gives: a log line keeps `ts` first, and a caller that wants
/// sorted keys sorts them. It works on UTF-8 bytes because the sandbox serves every list and watch event through it,
/// where Foundation's `JSONEncoder` was the bottleneck.
///
/// Strings are escaped as Go's `encoding/json` escapes them, except that `<`, `>` and `&` stay as they are: `"`, `\`,
/// `\n`, `\r`, `\t`, `\b` and `\f` by name, other control characters as `\u00XX`, and U+2028 and U+2029, which
/// JavaScript reads as line ends, as `\u2028` and `\u2029`.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    /// Whether the next key or value follows another one in the open object or array, and so needs a comma.
    private var needsComma = false

    package init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package mutating func beginObject() { open(UInt8(ascii: "{")) }

    package mutating func endObject() { close(UInt8(ascii: "}")) }

    package mutating func beginArray() { open(UInt8(ascii: "[")) }

    package mutating func endArray() { close(UInt8(ascii: "]")) }

    /// An object of `members` in their order, each value written by `write`.
    package mutating func object<Value>(
        _ members: some Sequence<(key: String, value: Value)>, _ write: (inout JSONWriter, Value) -> Void
    ) {
        beginObject()
        for (key, value) in members {
            self.key(key)
            write(&self, value)
        }
        endObject()
    }

    /// An array of `elements`, each written by `write`.
    package mutating func array<Element>(_ elements: some Sequence<Element>, _ write: (inout JSONWriter, Element) -> Void) {
        beginArray()
        for element in elements { write(&self, element) }
        endArray()
    }

    /// An object member's key; the member's value is whatever is written next.
    package mutating func key(_ key: String) {
        separate()
        escape(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    package mutating func string(_ text: String) {
        separate()
        escape(text)
    }

    package mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    package mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A whole number as an integer (`3`, not `3.0`); NaN and the infinities, which JSON cannot hold, as `null`.
    package mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        let text = value.rounded() == value && abs(value) < 9e15 ? String(Int(value)) : "\(value)"
        bytes.append(contentsOf: text.utf8)
    }

    package mutating func number(_ value: some BinaryInteger) {
        separate()
        bytes.append(contentsOf: value.description.utf8)
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func escape(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // The two bytes before this one: U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        var before: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            case 0xA8, 0xA9:
                if before == (0xE2, 0x80) {
                    bytes.removeLast(2)
                    bytes.append(contentsOf: (byte == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                } else {
                    bytes.append(byte)
                }
            default: bytes.append(byte)
            }
            before = (before.1, byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
