import Foundation

/// Reads protobuf wire format far enough to pull strings and nested messages out of a request body. Only what
/// client-go sends for the kinds kubectl's typed clients encode as protobuf (SelfSubjectAccessReview, TokenRequest, and
/// those of ProtobufSchema).
struct ProtobufReader {
    struct Malformed: Error {}

    /// The fields of one message by field number: length-delimited ones (strings, bytes, nested messages) and
    /// varints; fixed-width numbers are skipped.
    struct Message {
        var bytes: [Int: [[UInt8]]] = [:]
        var varints: [Int: UInt64] = [:]

        subscript(_ number: Int) -> [[UInt8]]? { bytes[number] }
    }

    static func fields(of bytes: [UInt8]) throws(Malformed) -> Message {
        var fields = Message()
        var index = 0
        while index < bytes.count {
            let key = try varint(bytes, &index)
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                fields.varints[number] = try varint(bytes, &index)
            case 1:
                index += 8
            case 2:
                let length = try varint(bytes, &index)
                guard length <= UInt64(bytes.count - index) else { throw Malformed() }
                let end = index + Int(length)
                fields.bytes[number, default: []].append(Array(bytes[index..<end]))
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
    static func string(_ fields: Message, _ number: Int) -> String? {
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
