import Foundation

/// Answers one request on a resource path: the verbs, subresources and their error cases.
struct ResourceHandler: Sendable {
    let store: ClusterStore
    let request: APIRequest
    let bookmarkInterval: Duration
    let authorizer: RequestAuthorizer
    let tokens: ServiceAccountTokens
    let proxy: ServiceProxy

    func handle(_ path: ResourcePath) async throws(StatusError) -> APIResponse {
        let type = path.type
        try await authorize(path)
        guard let name = path.name else {
            switch request.method {
            case "GET": return try await ListHandler(store: store, request: request, bookmarkInterval: bookmarkInterval).handle(path)
            case "POST":
                let body = try request.decodeBody(type)
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
            let eviction = try request.decodeJSON(kind: "Eviction")
            try await store.evict(namespace: path.namespace ?? "default", name: name, eviction: eviction, dryRun: try request.dryRun())
            return .json(
                .object([
                    "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]), "status": .string("Success"),
                    "code": .number(201),
                ]), status: 201)
        case "token" where type.subresources.contains(.token):
            guard request.method == "POST" else { throw StatusError.methodNotAllowed() }
            let body = try TokenRequestHandler.decode(request)
            return .json(
                try await TokenRequestHandler(store: store, tokens: tokens).handle(
                    namespace: path.namespace ?? "default", name: name, body: body, dryRun: try request.dryRun()),
                status: 201)
        case "binding" where type.subresources.contains(.binding):
            guard request.method == "POST" else { throw StatusError.methodNotAllowed() }
            try await store.bind(
                namespace: path.namespace ?? "default", name: name, binding: try request.decodeJSON(kind: "Binding"),
                dryRun: try request.dryRun())
            return .json(
                .object([
                    "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]), "status": .string("Success"),
                    "code": .number(201),
                ]), status: 201)
        case "proxy" where type.subresources.contains(.proxy):
            return try await proxy.answer(namespace: path.namespace ?? "default", id: name)
        default:
            throw StatusError.pathNotFound()
        }
    }

    private func handleObject(_ type: ResourceType, namespace: String?, name: String) async throws(StatusError) -> APIResponse {
        switch request.method {
        case "GET":
            let object = try await store.get(type, namespace: namespace, name: name)
            if request.wantsTable {
                let table = TableConverter.table(
                    type, items: [object],
                    listMetadata: .object(["resourceVersion": object[path: ["metadata", "resourceVersion"]] ?? .string("")]),
                    includeObject: request.parameter("includeObject"))
                return .json(table)
            }
            return .json(object)
        case "PUT":
            return .json(
                try await store.update(type, namespace: namespace, name: name, try request.decodeBody(type), dryRun: try request.dryRun()))
        case "PATCH":
            let patch = try request.decodePatch()
            let contentType = request.contentType
            return .json(
                try await store.modify(type, namespace: namespace, name: name, dryRun: try request.dryRun()) {
                    current throws(StatusError) in
                    try PatchApplier.apply(contentType: contentType, patch: patch, to: current)
                })
        case "DELETE":
            return .json(try await store.delete(type, namespace: namespace, name: name, options: try request.deleteOptions()))
        default:
            throw StatusError.methodNotAllowed()
        }
    }

    private func handleStatus(_ type: ResourceType, namespace: String?, name: String) async throws(StatusError) -> APIResponse {
        switch request.method {
        case "GET":
            return .json(try await store.get(type, namespace: namespace, name: name))
        case "PUT":
            let body = try request.decodeBody(type)
            return .json(
                try await store.update(type, namespace: namespace, name: name, body, subresource: .status, dryRun: try request.dryRun()))
        case "PATCH":
            let patch = try request.decodePatch()
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
            let body = try request.decodeJSON(kind: "Scale")
            return .json(try await store.updateScale(type, namespace: namespace, name: name, dryRun: try request.dryRun()) { _ in body })
        case "PATCH":
            let patch = try request.decodePatch()
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

}
