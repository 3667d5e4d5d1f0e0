/// Where a `LeaderElector` reads and writes its `coordination.k8s.io/v1` Lease: client-go's `resourcelock.Interface`
/// for Leases. `KubernetesLeaseLock` talks to the API server; a test gives an in-memory one.
///
/// Errors are `KubeAPIError`s with the API server's reasons, which the elector tells apart: an update whose
/// `metadata.resourceVersion` is stale fails with `isConflict` (409 Conflict), a create of a Lease that exists with
/// `isAlreadyExists` (409 AlreadyExists). Any other error is a failed attempt, retried on the elector's schedule.
public protocol LeaseLock: Sendable {
    /// The Lease as the server holds it now, or nil when there is none.
    func lease(namespace: String, name: String) async throws -> Lease?

    /// Creates the Lease named by its metadata; answers the Lease as stored, with its resourceVersion.
    func create(_ lease: Lease) async throws -> Lease

    /// Replaces the Lease as a whole, applied only while its `metadata.resourceVersion` is still the stored one;
    /// answers the Lease as stored, with its new resourceVersion.
    func update(_ lease: Lease) async throws -> Lease
}
