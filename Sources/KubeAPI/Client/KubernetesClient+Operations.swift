import Foundation

extension KubernetesClient {
    /// The namespace a namespaced request goes to: the one given, else the configuration's default.
    func resolvedNamespace(_ namespace: String?, for resource: ResourceDescriptor) -> String? {
        resource.namespaced ? (namespace ?? config.namespace) : nil
    }

    public func get<T: KubernetesObject>(_ type: T.Type, namespace: String? = nil, name: String) async throws -> T {
        let descriptor = T.resource
        let namespace = resolvedNamespace(namespace, for: descriptor)
        let context = RequestContext(verb: "get", resource: descriptor.resource, namespace: namespace, name: name)
        let request = APIRequest(
            method: .GET, path: descriptor.objectPath(namespace: namespace, name: name), context: context, retry: .read)
        return try decode(T.self, from: try await execute(request), context: context)
    }

    /// One page of a LIST. `namespace: nil` on a namespaced resource lists the configuration's namespace;
    /// use `allNamespaces: true` for a cross-namespace list.
    public func list<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, allNamespaces: Bool = false, options: ListOptions = ListOptions()
    ) async throws -> ObjectList<T> {
        let request = listRequest(T.self, namespace: namespace, allNamespaces: allNamespaces, options: options)
        return try decode(ObjectList<T>.self, from: try await execute(request), context: request.context)
    }

    func listRequest<T: KubernetesObject>(
        _ type: T.Type, namespace: String?, allNamespaces: Bool, options: ListOptions
    ) -> APIRequest {
        let descriptor = T.resource
        let namespace = allNamespaces ? nil : resolvedNamespace(namespace, for: descriptor)
        return APIRequest(
            method: .GET, path: descriptor.collectionPath(namespace: namespace), query: options.queryItems,
            context: RequestContext(verb: "list", resource: descriptor.resource, namespace: namespace), retry: .read)
    }

    /// Every object of a LIST, fetched `pageSize` at a time and decoded one by one as it streams in (see `ListItems`),
    /// so neither a huge namespace nor one page of it is ever held whole.
    public func listAll<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, allNamespaces: Bool = false, options: ListOptions = ListOptions(),
        pageSize: Int = 500
    ) -> ListPages<T> {
        ListPages(client: self, namespace: namespace, allNamespaces: allNamespaces, options: options, pageSize: pageSize)
    }

    public func create<T: KubernetesObject>(_ object: T, namespace: String? = nil, dryRun: Bool = false) async throws -> T {
        let descriptor = T.resource
        let namespace = resolvedNamespace(namespace ?? object.metadata.namespace, for: descriptor)
        let context = RequestContext(
            verb: "create", resource: descriptor.resource, namespace: namespace, name: object.metadata.name)
        let request = APIRequest(
            method: .POST, path: descriptor.collectionPath(namespace: namespace), query: dryRun ? [("dryRun", "All")] : [],
            body: try encode(object, context: context), context: context, retry: .never)
        return try decode(T.self, from: try await execute(request), context: context)
    }

    /// PATCH an object or one of its subresources (`status`, `scale`); `Result` is what the server returns.
    public func patch<T: KubernetesObject, Result: Decodable & Sendable>(
        _ type: T.Type, namespace: String? = nil, name: String, subresource: String? = nil, patch: Patch,
        dryRun: Bool = false, returning: Result.Type
    ) async throws -> Result {
        let descriptor = T.resource
        let namespace = resolvedNamespace(namespace, for: descriptor)
        let context = RequestContext(
            verb: "patch", resource: descriptor.resource, subresource: subresource, namespace: namespace, name: name)
        let request = APIRequest(
            method: .PATCH, path: descriptor.objectPath(namespace: namespace, name: name, subresource: subresource),
            query: dryRun ? [("dryRun", "All")] : [], body: patch.body, contentType: patch.contentType, context: context,
            retry: .never)
        return try decode(Result.self, from: try await execute(request), context: context)
    }

    public func patch<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, name: String, patch: Patch, dryRun: Bool = false
    ) async throws -> T {
        try await self.patch(type, namespace: namespace, name: name, subresource: nil, patch: patch, dryRun: dryRun, returning: T.self)
    }

    func decode<T: Decodable>(_ type: T.Type, from response: APIResponse, context: RequestContext) throws -> T {
        do {
            return try KubeJSON.decoder().decode(T.self, from: response.body)
        } catch {
            let answer = AnswerExcerpt(
                status: response.status, headers: response.headers, opening: response.body, size: response.body.count)
            let problem =
                answer.looksLikeJSON ? Self.describe(error, decoding: response.body) : "the answer is not JSON: \(answer.summary)"
            throw KubeAPIError.invalidResponse("cannot decode \(T.self): \(problem)", context: context)
        }
    }

    func encode<T: Encodable>(_ value: T, context: RequestContext) throws -> Data {
        do {
            return try KubeJSON.encoder().encode(value)
        } catch {
            throw KubeAPIError.invalidResponse("cannot encode \(T.self): \(error)", context: context)
        }
    }

    /// A decoding error of `bytes` as one line: that they are not UTF-8 text (which JSON must be), or the JSON path
    /// and what was wrong there.
    static func describe(_ error: any Error, decoding bytes: some Collection<UInt8>) -> String {
        guard String(validating: bytes, as: UTF8.self) != nil else { return "the JSON is not valid UTF-8 text" }
        return describe(error)
    }

    /// A decoding error as one line: the JSON path and what was wrong there.
    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch decodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let at = path(context.codingPath)
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return (at.isEmpty ? "" : "\(at): ") + context.debugDescription + underlying
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath)).\(key.stringValue): required field is missing"
        @unknown default:
            return "\(error)"
        }
    }
}
