import Foundation

/// Answers one request on a resource path: the verbs, subresources and their error cases.
struct ResourceHandler: Sendable {
    let store: ClusterStore
    let request: APIRequest
    let bookmarkInterval: Duration

    func handle(_ path: ResourcePath) async throws(StatusError) -> APIResponse {
        let type = path.type
        try await authorize(path)
        guard let name = path.name else {
            switch request.method {
            case "GET": return try await ListHandler(store: store, request: request, bookmarkInterval: bookmarkInterval).handle(path)
            case "POST":
                let body = try decodeBody(type)
                return .json(try await store.create(type, namespace: path.namespace, body, dryRun: try request.dryRun()), status: 201)
            default: throw StatusError.methodNotAllowed()
            }
        }
        switch path.subresource {
        case nil:
            return try await handleObject(type, namespace: path.namespace, name: name)
        case "status" where type.subresources.contains(.status):
            return try await handleStatus(type, namespace: path.namespace, name: name)
        case "scale" where type.subresources.contains(.scale):
            return try await handleScale(type, namespace: path.namespace, name: name)
        case "eviction" where type.subresources.contains(.eviction):
            guard request.method == "POST" else { throw StatusError.methodNotAllowed() }
            let eviction = try decodeJSON(kind: "Eviction")
            try await store.evict(namespace: path.namespace ?? "default", name: name, eviction: eviction, dryRun: try request.dryRun())
            return .json(
                .object([
                    "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]), "status": .string("Success"),
                    "code": .number(201),
                ]), status: 201)
        case "binding" where type.subresources.contains(.binding):
            guard request.method == "POST" else { throw StatusError.methodNotAllowed() }
            try await store.bind(
                namespace: path.namespace ?? "default", name: name, binding: try decodeJSON(kind: "Binding"), dryRun: try request.dryRun())
            return .json(
                .object([
                    "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]), "status": .string("Success"),
                    "code": .number(201),
                ]), status: 201)
        default:
            throw StatusError.pathNotFound()
        }
    }

    private func handleObject(_ type: ResourceType, namespace: String?, name: String) async throws(StatusError) -> APIResponse {
        switch request.method {
        case "GET":
            let object = try await store.get(type, namespace: namespace, name: name)
            if wantsTable {
                let table = TableConverter.table(
                    type, items: [object],
                    listMetadata: .object(["resourceVersion": object[path: ["metadata", "resourceVersion"]] ?? .string("")]),
                    includeObject: request.parameter("includeObject"))
                return .json(table)
            }
            return .json(object)
        case "PUT":
            return .json(try await store.update(type, namespace: namespace, name: name, try decodeBody(type), dryRun: try request.dryRun()))
        case "PATCH":
            let patch = try decodePatch()
            let contentType = request.contentType
            return .json(
                try await store.modify(type, namespace: namespace, name: name, dryRun: try request.dryRun()) {
                    current throws(StatusError) in
                    try PatchApplier.apply(contentType: contentType, patch: patch, to: current)
                })
        case "DELETE":
            return .json(try await store.delete(type, namespace: namespace, name: name, options: try deleteOptions()))
        default:
            throw StatusError.methodNotAllowed()
        }
    }

    private func handleStatus(_ type: ResourceType, namespace: String?, name: String) async throws(StatusError) -> APIResponse {
        switch request.method {
        case "GET":
            return .json(try await store.get(type, namespace: namespace, name: name))
        case "PUT":
            let body = try decodeBody(type)
            return .json(
                try await store.update(type, namespace: namespace, name: name, body, subresource: .status, dryRun: try request.dryRun()))
        case "PATCH":
            let patch = try decodePatch()
            let contentType = request.contentType
            return .json(
                try await store.modify(type, namespace: namespace, name: name, subresource: .status, dryRun: try request.dryRun()) {
                    current throws(StatusError) in
                    try PatchApplier.apply(contentType: contentType, patch: patch, to: current)
                })
        default:
            throw StatusError.methodNotAllowed()
        }
    }

    private func handleScale(_ type: ResourceType, namespace: String?, name: String) async throws(StatusError) -> APIResponse {
        switch request.method {
        case "GET":
            return .json(try await store.scale(type, namespace: namespace, name: name))
        case "PUT":
            let body = try decodeJSON(kind: "Scale")
            return .json(try await store.updateScale(type, namespace: namespace, name: name, dryRun: try request.dryRun()) { _ in body })
        case "PATCH":
            let patch = try decodePatch()
            let contentType = request.contentType
            return .json(
                try await store.updateScale(type, namespace: namespace, name: name, dryRun: try request.dryRun()) {
                    scale throws(StatusError) in
                    try PatchApplier.apply(contentType: contentType, patch: patch, to: scale)
                })
        default:
            throw StatusError.methodNotAllowed()
        }
    }

    private func authorize(_ path: ResourcePath) async throws(StatusError) {
        guard let user = request.user else { throw StatusError.unauthorized }
        let verb: String
        switch request.method {
        case "GET": verb = path.name != nil ? "get" : (request.flag("watch") ? "watch" : "list")
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = "delete"
        default: return
        }
        let attributes = AuthorizationRequest(
            user: user, verb: verb, group: path.type.descriptor.group, resource: path.type.descriptor.resource,
            subresource: path.subresource,
            namespace: path.type.namespaced ? path.namespace : nil, name: path.name)
        if !(await store.isAllowed(attributes)) { throw attributes.forbidden }
    }

    var wantsTable: Bool { (request.headers["accept"] ?? "").contains("as=Table") }

    /// The object in a POST/PUT body; a body of another kind is refused as the real server refuses it.
    private func decodeBody(_ type: ResourceType) throws(StatusError) -> JSONValue {
        let body = try decodeJSON(kind: type.kind)
        if let kind = body["kind"]?.stringValue, !kind.isEmpty, kind != type.kind {
            throw StatusError.badRequest(
                "\(kind) in version \"\(body["apiVersion"]?.stringValue ?? "")\" cannot be handled as a \(type.kind)")
        }
        return body
    }

    private func decodeJSON(kind: String) throws(StatusError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONReader.parse(request.body)
        } catch {
            throw StatusError.badRequest(
                "the object provided is unrecognized (must be of type \(kind)): couldn't get version/kind; json parse error: "
                    + "\(error.message) (\(String(decoding: request.body.prefix(100), as: UTF8.self)))")
        }
        guard case .object = value else {
            throw StatusError.badRequest(
                "the object provided is unrecognized (must be of type \(kind)): couldn't get version/kind; json parse error: "
                    + "json: cannot unmarshal \(Self.jsonTypeName(value)) into Go value of type struct")
        }
        return value
    }

    private func decodePatch() throws(StatusError) -> JSONValue {
        if request.contentType == "application/apply-patch+yaml" { throw StatusError.unsupportedMediaType(request.contentType) }
        do {
            return try JSONReader.parse(request.body)
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
    private func deleteOptions() throws(StatusError) -> DeleteOptions {
        var options = DeleteOptions()
        if !request.body.isEmpty, let json = try? JSONReader.parse(request.body) { options = DeleteOptions(json: json) }
        if let grace = try request.integer("gracePeriodSeconds") { options.gracePeriodSeconds = grace }
        if let policy = request.parameter("propagationPolicy") { options.propagationPolicy = policy }
        if try request.dryRun() { options.dryRun = true }
        return options
    }
}
