import Foundation

/// Decoding request bodies the way the real server reports failures.
extension APIRequest {
    /// The object in a POST/PUT body; a body of another kind is refused as the real server refuses it.
    func decodeBody(_ type: ResourceType) throws(StatusError) -> JSONValue {
        let body: JSONValue
        if let object = try decodeProtobuf() { body = object } else { body = try decodeJSON(kind: type.kind) }
        if let kind = body["kind"]?.stringValue, !kind.isEmpty, kind != type.kind {
            throw StatusError.badRequest(
                "\(kind) in version \"\(body["apiVersion"]?.stringValue ?? "")\" cannot be handled as a \(type.kind)")
        }
        return body
    }

    /// The object of a protobuf body of a kind kubectl's create commands send (see ProtobufSchema); nil for any other
    /// body, which decodeJSON then reads or refuses.
    private func decodeProtobuf() throws(StatusError) -> JSONValue? {
        guard !body.isEmpty, contentType.hasPrefix(KubernetesProtobuf.contentType) else { return nil }
        do {
            return try KubernetesProtobuf.object(from: body)
        } catch {
            throw StatusError.badRequest("the body is not a valid protobuf object")
        }
    }

    func decodeJSON(kind: String) throws(StatusError) -> JSONValue {
        // Other protobuf kinds and CBOR are refused with 415; client-go's dynamic clients then retry as JSON.
        if !body.isEmpty && !contentType.hasSuffix("json") {
            throw StatusError(
                code: 415, reason: "UnsupportedMediaType",
                message: "the body of the request was in an unknown format - accepted media types include: application/json")
        }
        let value: JSONValue
        do {
            value = try JSONReader.parse(body)
        } catch {
            throw StatusError.badRequest(
                "the object provided is unrecognized (must be of type \(kind)): couldn't get version/kind; json parse error: "
                    + "\(error.message) (\(String(decoding: body.prefix(100), as: UTF8.self)))")
        }
        guard case .object = value else {
            throw StatusError.badRequest(
                "the object provided is unrecognized (must be of type \(kind)): couldn't get version/kind; json parse error: "
                    + "json: cannot unmarshal \(Self.jsonTypeName(value)) into Go value of type struct")
        }
        return value
    }

    func decodePatch() throws(StatusError) -> JSONValue {
        if contentType == "application/apply-patch+yaml" { throw StatusError.unsupportedMediaType(contentType) }
        do {
            return try JSONReader.parse(body)
        } catch {
            throw StatusError.badRequest("error decoding patch: \(error.message)")
        }
    }

    private static func jsonTypeName(_ value: JSONValue) -> String {
        switch value {
        case .array: return "array"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "bool"
        default: return "null"
        }
    }

    /// DeleteOptions from the JSON body, overridden by query parameters.
    func deleteOptions() throws(StatusError) -> SandboxDeleteOptions {
        var options = SandboxDeleteOptions()
        if !body.isEmpty, let json = try? JSONReader.parse(body) { options = SandboxDeleteOptions(json: json) }
        if let grace = try integer("gracePeriodSeconds") { options.gracePeriodSeconds = grace }
        if let policy = parameter("propagationPolicy") { options.propagationPolicy = policy }
        if try dryRun() { options.dryRun = true }
        return options
    }
}
