import Foundation

/// How a DELETE or an eviction ended, short of an error.
public enum DeletionOutcome: Sendable, Hashable {
    /// The server accepted it; for a pod with a grace period it is now Terminating.
    case accepted
    /// The object was already gone: 404 at the first attempt.
    case alreadyGone
    /// A retry found the object gone — 404, or a UID precondition that no longer matches because a replacement took
    /// the name — after an earlier attempt whose answer was lost or was a server error: that attempt was, most likely,
    /// applied. Never a reason to pick another victim.
    case goneAfterRetry
}

extension KubernetesClient {
    /// DELETE one object. With `preconditions.uid` set, connection failures and 5xx are retried safely: a retry
    /// can only ever delete the same object, and a 404 or UID conflict after a retry means it is already gone.
    public func delete<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, name: String, options: DeleteOptions = DeleteOptions()
    ) async throws -> DeletionOutcome {
        let descriptor = T.resource
        let namespace = resolvedNamespace(namespace, for: descriptor)
        let context = RequestContext(verb: "delete", resource: descriptor.resource, namespace: namespace, name: name)
        let dryRun: [(String, String)] = options.dryRun?.contains("All") == true ? [("dryRun", "All")] : []
        let request = APIRequest(
            method: .DELETE, path: descriptor.objectPath(namespace: namespace, name: name), query: dryRun,
            body: try encode(options, context: context), context: context,
            retry: options.preconditions?.uid == nil ? .never : .guardedKill)
        return try await kill(request, guardedBy: options.preconditions?.uid)
    }

    /// Evict a pod through `pods/NAME/eviction`, so PodDisruptionBudgets are honoured. A refusal by a budget
    /// (HTTP 429) throws a `KubeAPIError` with `isDisruptionBudgetRefusal` and is never retried.
    public func evict(namespace: String? = nil, name: String, options: DeleteOptions = DeleteOptions()) async throws
        -> DeletionOutcome
    {
        let descriptor = Pod.resource
        let namespace = resolvedNamespace(namespace, for: descriptor) ?? config.namespace
        let context = RequestContext(
            verb: "create", resource: descriptor.resource, subresource: Eviction.subresource, namespace: namespace, name: name)
        let eviction = Eviction(podName: name, namespace: namespace, deleteOptions: options)
        var query: [(String, String)] = []
        if options.dryRun?.contains("All") == true { query.append(("dryRun", "All")) }
        let request = APIRequest(
            method: .POST, path: descriptor.objectPath(namespace: namespace, name: name, subresource: Eviction.subresource),
            query: query, body: try encode(eviction, context: context), context: context,
            retry: options.preconditions?.uid == nil ? .never : .guardedKill)
        return try await kill(request, guardedBy: options.preconditions?.uid)
    }

    private func kill(_ request: APIRequest, guardedBy uid: String?) async throws -> DeletionOutcome {
        let response = try await perform(request)
        if (200..<300).contains(response.status) { return .accepted }
        let failure = error(for: response, request: request)
        if failure.isNotFound { return response.attempts > 1 ? .goneAfterRetry : .alreadyGone }
        // Our own earlier attempt may have deleted the pod and a controller reused the name (StatefulSets).
        if failure.isConflict, uid != nil, response.attempts > 1 { return .goneAfterRetry }
        throw failure
    }

    /// GET the `scale` subresource of a Deployment, ReplicaSet or StatefulSet.
    public func scale<T: KubernetesObject>(_ type: T.Type, namespace: String? = nil, name: String) async throws -> Scale {
        let descriptor = T.resource
        let namespace = resolvedNamespace(namespace, for: descriptor)
        let context = RequestContext(
            verb: "get", resource: descriptor.resource, subresource: Scale.subresource, namespace: namespace, name: name)
        let request = APIRequest(
            method: .GET, path: descriptor.objectPath(namespace: namespace, name: name, subresource: Scale.subresource),
            context: context, retry: .read)
        return try decode(Scale.self, from: try await execute(request), context: context)
    }

    /// Set `spec.replicas` through the `scale` subresource (a merge patch, so only the replica count changes).
    public func setReplicas<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, name: String, replicas: Int, dryRun: Bool = false
    ) async throws -> Scale {
        let body = Data(#"{"spec":{"replicas":\#(replicas)}}"#.utf8)
        return try await patch(
            type, namespace: namespace, name: name, subresource: Scale.subresource, patch: .merge(body), dryRun: dryRun,
            returning: Scale.self)
    }
}
