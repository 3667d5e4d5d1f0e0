/// Whether this instance may kill now, and the state that must survive a restart or failover.
/// The Lease-backed implementation follows client-go's leader election; a single instance needs no election.
public protocol Leadership: Sendable {
    /// True only while this instance holds the lease with time to spare: it turns false before the lease can expire
    /// on the API server, so a leader that cannot renew stops killing before anyone else may start.
    func isLeading() async -> Bool

    /// Whether leadership is known yet (for /readyz): the first attempt to acquire has finished, won or lost.
    func isKnown() async -> Bool

    /// Returns once leadership is known, or when the calling task is cancelled.
    func untilKnown() async

    /// The identity of the current holder, when known.
    func holder() async -> String?

    /// State persisted with the lease (the kill history), as last read or written; nil before any was stored.
    func persistedState() async -> String?

    /// Stores `state` with the lease before returning; throws if this instance no longer leads.
    func persist(_ state: String) async throws

    /// Acquires and renews until cancelled; on cancellation releases the lease so a successor need not wait it out.
    func run() async throws
}
