import Foundation

extension KubernetesClient {
    /// PUT (update) an object as a whole. With `metadata.resourceVersion` set the server applies it only if nothing
    /// changed since that version, and answers 409 `Conflict` otherwise (`KubeAPIError.isConflict`): the basis of
    /// optimistic concurrency. Sent once, never retried, since a retry could overwrite someone else's change.
    public func replace<T: KubernetesObject>(_ object: T, namespace: String? = nil, dryRun: Bool = false) async throws -> T {
        let descriptor = T.resource
        let namespace = resolvedNamespace(namespace ?? object.metadata.namespace, for: descriptor)
        let context = RequestContext(verb: "update", resource: descriptor.resource, namespace: namespace, name: object.metadata.name)
        guard let name = object.metadata.name, !name.isEmpty else {
            throw KubeAPIError.invalidRequest("the \(descriptor.kind) has no metadata.name", context: context)
        }
        let request = APIRequest(
            method: .PUT, path: descriptor.objectPath(namespace: namespace, name: name), query: dryRun ? [("dryRun", "All")] : [],
            body: try encode(object, context: context), context: context, retry: .never)
        return try decode(T.self, from: try await execute(request), context: context)
    }
}
