import Foundation

/// Reads protobuf wire format far enough to pull strings and nested messages out of a request body. Only what
/// client-go sends for the few kinds it insists on encoding as protobuf (SelfSubjectAccessReview).
struct ProtobufReader {
    struct Malformed: Error {}

    /// The length-delimited fields of a message (strings, bytes, nested messages) by field number; numeric
    /// fields are skipped.
    static func fields(of bytes: [UInt8]) throws(Malformed) -> [Int: [[UInt8]]] {
        var fields: [Int: [[UInt8]]] = [:]
        var index = 0
        while index < bytes.count {
            let key = try varint(bytes, &index)
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                _ = try varint(bytes, &index)
            case 1:
                index += 8
            case 2:
                let length = try varint(bytes, &index)
                guard length <= UInt64(bytes.count - index) else { throw Malformed() }
                let end = index + Int(length)
                fields[number, default: []].append(Array(bytes[index..<end]))
                index = end
            case 5:
                index += 4
            default:
                throw Malformed()
            }
        }
        guard index == bytes.count else { throw Malformed() }
        return fields
    }

    /// The first value of a string field, nil when absent.
    static func string(_ fields: [Int: [[UInt8]]], _ number: Int) -> String? {
        fields[number]?.first.map { String(decoding: $0, as: UTF8.self) }
    }

    private static func varint(_ bytes: [UInt8], _ index: inout Int) throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw Malformed()
    }
}
