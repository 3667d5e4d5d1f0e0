import Foundation

/// The envelope Kubernetes wraps protobuf bodies in: the magic `k8s\0`, then a `runtime.Unknown` whose field 2 is
/// the object's own protobuf encoding.
enum KubernetesProtobuf {
    static let contentType = "application/vnd.kubernetes.protobuf"
    private static let magic: [UInt8] = [0x6b, 0x38, 0x73, 0x00]

    /// The encoded object inside the envelope.
    static func payload(of body: Data) throws(ProtobufReader.Malformed) -> [UInt8] {
        let bytes = [UInt8](body)
        guard bytes.starts(with: magic) else { throw ProtobufReader.Malformed() }
        let unknown = try ProtobufReader.fields(of: Array(bytes.dropFirst(magic.count)))
        return unknown[2]?.first ?? []
    }

    /// The object in the envelope as JSON, for the kinds ProtobufSchema knows; nil for other kinds. The envelope's
    /// TypeMeta (field 1: apiVersion 1, kind 2) gives the kind.
    static func object(from body: Data) throws(ProtobufReader.Malformed) -> JSONValue? {
        let bytes = [UInt8](body)
        guard bytes.starts(with: magic) else { throw ProtobufReader.Malformed() }
        let unknown = try ProtobufReader.fields(of: Array(bytes.dropFirst(magic.count)))
        let typeMeta = try ProtobufReader.fields(of: unknown[1]?.first ?? [])
        let apiVersion = ProtobufReader.string(typeMeta, 1) ?? ""
        let kind = ProtobufReader.string(typeMeta, 2) ?? ""
        guard let schema = ProtobufSchema.schema(apiVersion: apiVersion, kind: kind) else { return nil }
        var object = try schema.json(from: unknown[2]?.first ?? [])
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(kind)
        return object
    }

    /// `authorization.k8s.io/v1 SelfSubjectAccessReview` from its protobuf (k8s.io/api/authorization/v1
    /// generated.proto): spec = 2; resourceAttributes = 1 (namespace 1, verb 2, group 3, version 4, resource 5,
    /// subresource 6, name 7); nonResourceAttributes = 2 (path 1, verb 2).
    static func selfSubjectAccessReview(from body: Data) throws(ProtobufReader.Malformed) -> SelfSubjectAccessReview {
        let review = try ProtobufReader.fields(of: payload(of: body))
        let spec = try ProtobufReader.fields(of: review[2]?.first ?? [])
        var decoded = SelfSubjectAccessReview.Spec()
        if let bytes = spec[1]?.first {
            let fields = try ProtobufReader.fields(of: bytes)
            let string = { (number: Int) in ProtobufReader.string(fields, number) }
            decoded.resourceAttributes = .init(
                namespace: string(1), verb: string(2), group: string(3), version: string(4), resource: string(5),
                subresource: string(6), name: string(7))
        }
        if let bytes = spec[2]?.first {
            let fields = try ProtobufReader.fields(of: bytes)
            decoded.nonResourceAttributes = .init(path: ProtobufReader.string(fields, 1), verb: ProtobufReader.string(fields, 2))
        }
        return SelfSubjectAccessReview(spec: decoded)
    }

    /// `authentication.k8s.io/v1 TokenRequest`'s spec as JSON: audiences = 1 (repeated), boundObjectRef = 3
    /// (kind 1, apiVersion 2, name 3, uid 4), expirationSeconds = 4.
    static func tokenRequest(from body: Data) throws(ProtobufReader.Malformed) -> JSONValue {
        let request = try ProtobufReader.fields(of: payload(of: body))
        let spec = try ProtobufReader.fields(of: request[2]?.first ?? [])
        var decoded: [String: JSONValue] = [:]
        let audiences = (spec[1] ?? []).map { JSONValue.string(String(decoding: $0, as: UTF8.self)) }
        if !audiences.isEmpty { decoded["audiences"] = .array(audiences) }
        if let seconds = spec.varints[4] { decoded["expirationSeconds"] = .number(Double(Int64(bitPattern: seconds))) }
        if let bytes = spec[3]?.first {
            let reference = try ProtobufReader.fields(of: bytes)
            var fields: [String: JSONValue] = [:]
            for (number, key) in [(1, "kind"), (2, "apiVersion"), (3, "name"), (4, "uid")] {
                if let value = ProtobufReader.string(reference, number) { fields[key] = .string(value) }
            }
            decoded["boundObjectRef"] = .object(fields)
        }
        return .object([
            "apiVersion": .string(TokenRequestHandler.apiVersion), "kind": .string(TokenRequestHandler.kind), "spec": .object(decoded),
        ])
    }
}
