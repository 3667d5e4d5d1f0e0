import Foundation

/// The Lease's record as this instance last saw it change, and when by the elector's monotonic clock.
///
/// Expiry is judged from `observedAt`, never from the record's `renewTime`: clocks of other machines may be skewed,
/// but the time since this instance saw the record change is known exactly (client-go's `observedTime`).
struct LeaseObservation: Sendable, Hashable {
    private(set) var record: Lease.Spec
    private(set) var observedAt: ErasedClock.Instant

    init(record: Lease.Spec, observedAt: ErasedClock.Instant) {
        self.record = record
        self.observedAt = observedAt
    }

    /// Takes in the record read at `now`; the clock restarts only when the record differs from the last one seen.
    mutating func observe(_ record: Lease.Spec, at now: ErasedClock.Instant) {
        guard record != self.record else { return }
        self.record = record
        observedAt = now
    }

    /// The holder named by the record; an empty identity means nobody.
    var holder: String? {
        guard let identity = record.holderIdentity, !identity.isEmpty else { return nil }
        return identity
    }

    /// Whether the holder's lease still runs at `now`, by the duration the holder wrote (or `fallback` without one).
    func isValid(at now: ErasedClock.Instant, fallback: Duration) -> Bool {
        let duration = record.leaseDurationSeconds.map { Duration.seconds($0) } ?? fallback
        return observedAt.advanced(by: duration) > now
    }
}

/// The records a candidate writes, as client-go's `tryAcquireOrRenew` and `release` write them.
enum LeaseRecord {
    /// The holder renewing: same acquire time and transition count, a new renew time.
    static func renewal(of record: Lease.Spec, identity: String, durationSeconds: Int, now: Date) -> Lease.Spec {
        Lease.Spec(
            holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: record.acquireTime ?? MicroTime(now),
            renewTime: MicroTime(now), leaseTransitions: record.leaseTransitions ?? 0)
    }

    /// A new holder: acquired now, one more transition than the record it replaces (none for a new Lease).
    static func acquisition(replacing record: Lease.Spec?, identity: String, durationSeconds: Int, now: Date) -> Lease.Spec {
        Lease.Spec(
            holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: MicroTime(now), renewTime: MicroTime(now),
            leaseTransitions: record.map { ($0.leaseTransitions ?? 0) + 1 } ?? 0)
    }

    /// Handing the lease back: no holder, and a 1 s duration so that even an old client waits no longer than that.
    static func release(of record: Lease.Spec, now: Date) -> Lease.Spec {
        Lease.Spec(
            holderIdentity: "", leaseDurationSeconds: 1, acquireTime: MicroTime(now), renewTime: MicroTime(now),
            leaseTransitions: record.leaseTransitions ?? 0)
    }
}
