import Foundation
import FuzzSupport
import KubeAPI

/// The two stream splitters from any bytes: a LIST answer's `items` (`ListItemSplitter`) and a watch's lines
/// (`LineSplitter`). The first byte sets the size of the chunks the rest arrives in. Whatever the chunks, a splitter
/// hands out the same elements (or fails the same way) as for the body in one piece; and for a body that
/// `JSONSerialization` reads as a LIST answer (objects in `items`), the splitter hands out as many elements as its `items` holds, each of
/// them JSON that reads as that element. Each watch line and list element is decoded as the client decodes it (a
/// `WatchEvent<Pod>`, a `Pod`), which may fail but never traps.
@main
enum StreamFuzzer {
    static let maxItemBytes = 16384

    static func main() { LibFuzzer.run(testOneInput) }

    static func check(_ input: UnsafeRawBufferPointer) {
        guard let first = input.first else { return }
        let body = Array(input.dropFirst())
        let chunkSize = Int(first) + 1
        let whole = listItems(body, chunkSize: body.count + 1)
        let chunked = listItems(body, chunkSize: chunkSize)
        precondition(whole == chunked, "list items differ in chunks of \(chunkSize): \(whole) and \(chunked)")
        compareWithJSONSerialization(body, whole)
        let lines = watchLines(body, chunkSize: body.count + 1)
        precondition(lines == watchLines(body, chunkSize: chunkSize), "watch lines differ in chunks of \(chunkSize)")
        let decoder = KubeJSON.decoder()
        for line in lines ?? [] { _ = try? decoder.decode(WatchEvent<Pod>.self, from: Data(line)) }
        if case .split(let items, _) = whole {
            for item in items { _ = try? decoder.decode(Pod.self, from: Data(item)) }
        }
    }

    enum Outcome: Equatable {
        case split(items: [[UInt8]], metadata: [UInt8]?)
        case malformed(ListItemSplitter.Malformed)
    }

    static func listItems(_ body: [UInt8], chunkSize: Int) -> Outcome {
        var splitter = ListItemSplitter(maxItemBytes: maxItemBytes)
        var items: [[UInt8]] = []
        do {
            for start in stride(from: 0, to: body.count, by: chunkSize) {
                items += try splitter.append(body[start..<min(start + chunkSize, body.count)])
            }
            return .split(items: items, metadata: try splitter.finish())
        } catch {
            return .malformed(error as! ListItemSplitter.Malformed)
        }
    }

    static func compareWithJSONSerialization(_ body: [UInt8], _ outcome: Outcome) {
        // Keys written with escapes are never taken for `items` (as documented); JSONSerialization reads them.
        guard !body.contains(UInt8(ascii: "\\")),
            let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let expected = object["items"] as? [Any],
            expected.allSatisfy({ $0 is [String: Any] })  // An element that is not an object is refused, as documented.
        else { return }
        switch outcome {
        case .split(let items, _): compare(items, expected)
        // Refused on purpose: a key twice (JSONSerialization keeps the last), an element beyond the limit, deep nesting.
        case .malformed(let malformed):
            switch malformed.code {
            case .duplicate, .itemTooLarge, .metadataTooLarge, .tooDeep: return
            default: preconditionFailure("a LIST answer JSONSerialization reads was refused: \(malformed)")
            }
        }
    }

    static func compare(_ items: [[UInt8]], _ expected: [Any]) {
        precondition(items.count == expected.count, "\(items.count) items split, JSONSerialization reads \(expected.count)")
        for (item, element) in zip(items, expected) {
            let read = try? JSONSerialization.jsonObject(with: Data(item), options: .fragmentsAllowed)
            precondition(read.map { same($0, element) } == true, "item \(String(decoding: item, as: UTF8.self)) is not its element")
        }
    }

    static func same(_ lhs: Any, _ rhs: Any) -> Bool {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed]
        return (try? JSONSerialization.data(withJSONObject: lhs, options: options))
            == (try? JSONSerialization.data(withJSONObject: rhs, options: options))
    }

    static func watchLines(_ body: [UInt8], chunkSize: Int) -> [[UInt8]]? {
        var splitter = LineSplitter(maxLineBytes: maxItemBytes)
        var lines: [[UInt8]] = []
        do {
            for start in stride(from: 0, to: body.count, by: chunkSize) {
                lines += try splitter.append(body[start..<min(start + chunkSize, body.count)])
            }
        } catch {
            return nil
        }
        return lines + (splitter.finish().map { [$0] } ?? [])
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    StreamFuzzer.check(LibFuzzer.bytes(data, size))
    return 0
}
