/// A write (or timer) a reconcile asks for; the manager performs it through the store, as an HTTP client would.
public enum ControllerAction: Sendable {
    case create(ResourceType, namespace: String?, JSONValue)
    /// Read-transform-write of the current stored object; throwing from the transform abandons the write.
    case modify(ObjectKey, subresource: Subresource?, @Sendable (JSONValue) throws(StatusError) -> JSONValue)
    case delete(ObjectKey, SandboxDeleteOptions)
    /// Removes a Terminating pod, as the kubelet does once its containers have stopped.
    case finishTermination(ObjectKey)
    /// Deletes every object in a Terminating namespace and removes the namespace once nothing is left.
    case emptyNamespace(String)
    /// Reconciles the key again after a while (a kubelet delay, a backoff); replaces an earlier timer for it.
    case requeue(ObjectKey, after: Duration)
}
