import Foundation

/// How one protobuf message of the Kubernetes API reads as JSON: each field number's JSON name and type, from the
/// API's generated.proto. Fields the schema does not name are skipped; zero values are left out, as the JSON
/// encoding's `omitempty` leaves them out, except for fields whose zero is a value (`keepZero`: pointers in Go).
struct ProtobufSchema: Sendable {
    indirect enum FieldType: Sendable {
        case string
        /// Base64 in JSON.
        case bytes
        case integer
        case bool
        case message(ProtobufSchema)
        /// `map<string, string>`: entries with key = 1, value = 2.
        case stringMap
        /// `map<string, bytes>`: values base64 in JSON.
        case bytesMap
    }

    struct Field: Sendable {
        let name: String
        let type: FieldType
        var repeated = false
        var keepZero = false
    }

    let fields: [Int: Field]

    init(_ fields: [Int: Field]) { self.fields = fields }

    static func field(_ name: String, _ type: FieldType, repeated: Bool = false, keepZero: Bool = false) -> Field {
        Field(name: name, type: type, repeated: repeated, keepZero: keepZero)
    }

    /// The message in `bytes` as a JSON object.
    func json(from bytes: [UInt8]) throws(ProtobufReader.Malformed) -> JSONValue {
        let message = try ProtobufReader.fields(of: bytes)
        var object: [String: JSONValue] = [:]
        for (number, field) in fields {
            if let value = try Self.value(of: field, in: message, number: number) { object[field.name] = value }
        }
        return .object(object)
    }

    private static func value(of field: Field, in message: ProtobufReader.Message, number: Int) throws(ProtobufReader.Malformed)
        -> JSONValue?
    {
        switch field.type {
        case .integer:
            guard let raw = message.varints[number], raw != 0 || field.keepZero else { return nil }
            return .number(Double(Int64(bitPattern: raw)))
        case .bool:
            guard let raw = message.varints[number], raw != 0 || field.keepZero else { return nil }
            return .bool(raw != 0)
        case .string, .bytes, .message, .stringMap, .bytesMap:
            let items = message[number] ?? []
            if case .stringMap = field.type { return try map(items, base64: false) }
            if case .bytesMap = field.type { return try map(items, base64: true) }
            var values: [JSONValue] = []
            for item in items { values.append(try single(item, type: field.type)) }
            if field.repeated { return values.isEmpty ? nil : .array(values) }
            guard let last = values.last else { return nil }
            return isEmpty(last) && !field.keepZero ? nil : last
        }
    }

    private static func single(_ bytes: [UInt8], type: FieldType) throws(ProtobufReader.Malformed) -> JSONValue {
        switch type {
        case .message(let schema): return try schema.json(from: bytes)
        case .bytes: return .string(Data(bytes).base64EncodedString())
        default: return .string(String(decoding: bytes, as: UTF8.self))
        }
    }

    private static func map(_ entries: [[UInt8]], base64: Bool) throws(ProtobufReader.Malformed) -> JSONValue? {
        guard !entries.isEmpty else { return nil }
        var object: [String: JSONValue] = [:]
        for entry in entries {
            let fields = try ProtobufReader.fields(of: entry)
            let key = ProtobufReader.string(fields, 1) ?? ""
            let value = fields[2]?.first ?? []
            object[key] = .string(base64 ? Data(value).base64EncodedString() : String(decoding: value, as: UTF8.self))
        }
        return .object(object)
    }

    private static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): return text.isEmpty
        case .object(let fields): return fields.isEmpty
        default: return false
        }
    }
}
