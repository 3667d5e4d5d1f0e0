import Foundation
import Logging

/// Leader election on a `coordination.k8s.io/v1` Lease, with client-go's semantics: optimistic concurrency on
/// `resourceVersion`, expiry judged by the local clock from when the record was last seen to change, and a holder
/// that stops leading once it has failed to renew for `renewDeadline`, before anyone else may take the lease.
///
/// The Lease's annotations travel with every write, so the holder can keep state there (`persist`) that a
/// successor reads after it acquires the lease.
///
/// It reaches the Lease only through its `LeaseLock`, and waits only on the clock it is given (retry period, jitter,
/// renew deadline, request timeouts), so a test can run it in memory on virtual time.
public actor LeaderElector {
    public nonisolated let config: LeaderElectionConfig
    private let lock: any LeaseLock
    private let logger: Logger
    private let clock: ErasedClock
    /// The wall-clock time written into the Lease (`acquireTime`, `renewTime`); expiry never depends on it.
    private let wallClock: @Sendable () -> Date

    /// The Lease as last read or written: the base, with its resourceVersion, of the next PUT.
    private var lease: Lease?
    private var observation: LeaseObservation?
    /// When the last successful acquire or renew was sent. Others saw its result no earlier, so leading until
    /// `lastRenewal + renewDeadline` ends before their `observedTime + leaseDuration`.
    private var lastRenewal: ErasedClock.Instant?
    private var known = false
    /// Those waiting for `known`: each wait ends when its stream is finished.
    private var knownWaiters: [AsyncStream<Never>.Continuation] = []
    private var running = false
    private var reportedHolder: String?
    private var reportedLeading = false
    private var subscribers: [UUID: AsyncStream<LeaderElectionEvent>.Continuation] = [:]
    private var writing = false
    private var writeWaiters: [CheckedContinuation<Void, Never>] = []

    private enum Outcome: Sendable {
        /// This instance holds the lease, freshly written.
        case leading
        /// Someone else holds a lease that has not expired by our observation.
        case heldByOther
        /// Someone else wrote the Lease between our read and our write (409) or created it first.
        case conflict
        /// The API server could not be asked, or refused for another reason.
        case failed
        case timedOut
    }

    /// Validates `config` as client-go does; the error names the offending value. `clock` times every wait and
    /// judges expiry; `wallClock` gives the times written into the Lease.
    public init(
        lock: any LeaseLock, config: LeaderElectionConfig, clock: any Clock<Duration> = ContinuousClock(),
        wallClock: @escaping @Sendable () -> Date = { Date() }, logger: Logger? = nil
    ) throws(LeaderElectionError) {
        try config.validate()
        self.lock = lock
        self.config = config
        self.clock = ErasedClock(clock)
        self.wallClock = wallClock
        var logger = logger ?? Logger(label: "podchaosmonkey.leaderelection")
        logger[metadataKey: "lease"] = "\(config.leaseNamespace)/\(config.leaseName)"
        logger[metadataKey: "identity"] = "\(config.identity)"
        self.logger = logger
    }

    // MARK: - Observers

    /// True while this instance holds the lease and its last successful renewal is younger than `renewDeadline`.
    /// Judged by the clock on every call, so it turns false in time even while a renewal hangs.
    public var isLeading: Bool {
        guard let lastRenewal, observation?.holder == config.identity else { return false }
        return clock.now < lastRenewal.advanced(by: config.renewDeadline)
    }

    /// Whether an attempt to acquire has had an answer yet: this instance won, or saw who holds the lease.
    public var isKnown: Bool { known }

    /// Returns once `isKnown`, or when the calling task is cancelled.
    public func untilKnown() async {
        guard !known else { return }
        let (stream, continuation) = AsyncStream<Never>.makeStream()
        knownWaiters.append(continuation)
        for await _ in stream {}
    }

    /// The holder named by the Lease as last seen; nil when nobody holds it or it was never read.
    public var holder: String? { observation?.holder }

    /// The Lease as last read or written.
    public var observedLease: Lease? { lease }

    /// An annotation of the Lease as last read or written.
    public func annotation(_ key: String) -> String? { lease?.metadata.annotations?[key] }

    /// Leadership changes from now on; the stream ends when the caller stops iterating it.
    public func events() -> AsyncStream<LeaderElectionEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: LeaderElectionEvent.self)
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    // MARK: - Running

    /// Competes for the lease until the calling task is cancelled: tries to acquire every `retryPeriod` (jittered
    /// by 1.2 as client-go does), renews every `retryPeriod` while leading, and competes again after losing it.
    /// On cancellation releases the lease when `releaseOnCancel` is set. A second concurrent call returns at once.
    public func run() async {
        guard !running else {
            logger.warning("leader election is already running; the second run returns at once")
            return
        }
        running = true
        while !Task.isCancelled {
            guard await acquire() else { break }
            await renewWhileLeading()
        }
        if config.releaseOnCancel {
            // The caller's task is cancelled, and its HTTP requests with it; the release runs in a task that is not.
            _ = await Task { await self.release() }.value
        }
        stopLeading()
        running = false
    }

    /// Tries until it leads (true) or the task is cancelled (false).
    private func acquire() async -> Bool {
        while !Task.isCancelled {
            let outcome = await attempt(timeout: config.renewDeadline)
            switch outcome {
            case .leading:
                becomeKnown()
                logger.info("acquired the lease")
                return true
            case .heldByOther, .conflict:
                becomeKnown()
            case .failed, .timedOut:
                break
            }
            let jitter = 1 + Double.random(in: 0..<1) * LeaderElectionConfig.jitterFactor
            try? await clock.sleep(for: config.retryPeriod * jitter)
        }
        return false
    }

    /// Renews every `retryPeriod` until a renewal round fails or the task is cancelled.
    private func renewWhileLeading() async {
        while !Task.isCancelled {
            try? await clock.sleep(for: config.retryPeriod)
            if Task.isCancelled { return }
            guard await renew() else {
                if let holder = observation?.holder, holder != config.identity {
                    logger.warning("stopped leading: the lease is held by another", metadata: ["holder": "\(holder)"])
                } else {
                    logger.warning("stopped leading: could not renew the lease within the renew deadline")
                }
                stopLeading()
                return
            }
        }
    }

    /// One renewal round: retries every `retryPeriod` until it succeeds, someone else holds the lease, or
    /// `renewDeadline` has passed since the last successful renewal.
    private func renew() async -> Bool {
        while !Task.isCancelled {
            guard let lastRenewal else { return false }
            let deadline = lastRenewal.advanced(by: config.renewDeadline)
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return false }
            switch await attempt(timeout: remaining) {
            case .leading: return true
            case .heldByOther: return false
            case .conflict, .failed, .timedOut:
                let left = clock.now.duration(to: deadline)
                if left <= .zero { return false }
                try? await clock.sleep(for: min(config.retryPeriod, left))
            }
        }
        return isLeading
    }

    /// `tryAcquireOrRenew`, abandoned after `timeout` so that a hanging request cannot hold up the loop.
    private func attempt(timeout: Duration) async -> Outcome {
        let clock = self.clock
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask { await self.tryAcquireOrRenew() }
            group.addTask {
                try? await clock.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .timedOut
        }
    }

    /// client-go's `tryAcquireOrRenew`: the holder first updates the Lease it last wrote (fast path); otherwise
    /// read it (creating it if missing), leave it alone while another holder's lease runs, else write ourselves in.
    private func tryAcquireOrRenew() async -> Outcome {
        await lockWrites()
        defer { unlockWrites() }
        if Task.isCancelled { return .timedOut }
        let started = clock.now
        let now = wallClock()
        let durationSeconds = config.leaseDurationSeconds

        if observation?.holder == config.identity, let observation, observation.isValid(at: started, fallback: config.leaseDuration),
            var current = lease
        {
            current.spec = LeaseRecord.renewal(
                of: observation.record, identity: config.identity, durationSeconds: durationSeconds, now: now)
            do {
                recordWrite(try await lock.update(current), startedAt: started)
                return .leading
            } catch {
                logger.debug("renewing the lease as last written failed; reading it again", metadata: ["error": "\(error)"])
            }
        }

        let fetched: Lease
        do {
            guard let existing = try await lock.lease(namespace: config.leaseNamespace, name: config.leaseName) else {
                return await create(startedAt: started, now: now)
            }
            fetched = existing
        } catch {
            return failed("cannot read the lease", error)
        }

        observe(fetched)
        let record = fetched.spec ?? Lease.Spec()
        let heldByUs = record.holderIdentity == config.identity
        if !heldByUs, let observation, observation.holder != nil, observation.isValid(at: clock.now, fallback: config.leaseDuration) {
            return .heldByOther
        }
        var next = fetched
        next.spec =
            heldByUs
            ? LeaseRecord.renewal(of: record, identity: config.identity, durationSeconds: durationSeconds, now: now)
            : LeaseRecord.acquisition(replacing: record, identity: config.identity, durationSeconds: durationSeconds, now: now)
        do {
            recordWrite(try await lock.update(next), startedAt: started)
            return .leading
        } catch let error as KubeAPIError where error.isConflict {
            logger.debug("another instance updated the lease first")
            return .conflict
        } catch {
            return failed("cannot update the lease", error)
        }
    }

    /// Creates the missing Lease with this instance as its holder; another instance creating it first is a conflict.
    private func create(startedAt started: ErasedClock.Instant, now: Date) async -> Outcome {
        let record = LeaseRecord.acquisition(
            replacing: nil, identity: config.identity, durationSeconds: config.leaseDurationSeconds, now: now)
        let fresh = Lease(metadata: ObjectMeta(name: config.leaseName, namespace: config.leaseNamespace), spec: record)
        do {
            recordWrite(try await lock.create(fresh), startedAt: started)
            return .leading
        } catch let error as KubeAPIError where error.isAlreadyExists {
            return .conflict
        } catch {
            return failed("cannot create the lease", error)
        }
    }

    private func failed(_ what: String, _ error: any Error) -> Outcome {
        if error is CancellationError || Task.isCancelled { return .timedOut }
        logger.warning("\(what)", metadata: ["error": "\(error)"])
        return .failed
    }

    // MARK: - Writing with leadership

    /// Sets `annotation` on the Lease before returning, while this instance leads. On a conflict it reads the
    /// Lease again and retries only while the Lease still names this instance; otherwise throws `notLeading`.
    public func persist(_ value: String, annotation key: String) async throws {
        await lockWrites()
        defer { unlockWrites() }
        for _ in 0..<5 {
            guard isLeading, var current = lease else { throw notLeading() }
            current.metadata.annotations = (current.metadata.annotations ?? [:]).merging([key: value]) { $1 }
            do {
                let updated = try await lock.update(current)
                observe(updated)
                return
            } catch let error as KubeAPIError where error.isConflict {
                // A Lease deleted meanwhile is not observed: the next update answers with the server's NotFound.
                if let fresh = try await lock.lease(namespace: config.leaseNamespace, name: config.leaseName) { observe(fresh) }
            }
        }
        throw notLeading()
    }

    private func notLeading() -> LeaderElectionError {
        .notLeading(identity: config.identity, lease: "\(config.leaseNamespace)/\(config.leaseName)", holder: holder)
    }

    /// Hands the lease back, as client-go does, when the Lease as last seen names this instance: holder cleared,
    /// duration 1 s, guarded by resourceVersion so that a lease someone else took meanwhile stays theirs.
    /// Returns false when the release could not be written (the lease then runs out on its own).
    @discardableResult
    public func release() async -> Bool {
        await lockWrites()
        defer { unlockWrites() }
        guard observation?.holder == config.identity, let observation, var current = lease else { return true }
        current.spec = LeaseRecord.release(of: observation.record, now: wallClock())
        let (lock, clock, wallClock, config) = (self.lock, self.clock, self.wallClock, self.config)
        let request = current
        let result = await withTaskGroup(of: Result<Lease, any Error>?.self) { group in
            group.addTask {
                do {
                    return .success(try await lock.update(request))
                } catch let error as KubeAPIError where error.isConflict {
                    // A renewal cancelled on the way out may have been applied without its answer arriving: when the
                    // Lease still names this instance, release the version the server holds.
                    do {
                        guard var fresh = try await lock.lease(namespace: config.leaseNamespace, name: config.leaseName),
                            let record = fresh.spec, record.holderIdentity == config.identity
                        else { return .failure(error) }
                        fresh.spec = LeaseRecord.release(of: record, now: wallClock())
                        return .success(try await lock.update(fresh))
                    } catch {
                        return .failure(error)
                    }
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await clock.sleep(for: config.renewDeadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        lastRenewal = nil
        switch result {
        case .success(let released):
            observe(released)
            logger.info("released the lease")
            return true
        case .failure(let error):
            logger.warning("cannot release the lease; it expires on its own", metadata: ["error": "\(error)"])
        case nil:
            logger.warning("cannot release the lease within the renew deadline; it expires on its own")
        }
        reportTransitions()
        return false
    }

    // MARK: - Bookkeeping

    private func becomeKnown() {
        known = true
        for waiter in knownWaiters { waiter.finish() }
        knownWaiters = []
    }

    private func observe(_ fetched: Lease) {
        lease = fetched
        let record = fetched.spec ?? Lease.Spec()
        if observation == nil {
            observation = LeaseObservation(record: record, observedAt: clock.now)
        } else {
            observation?.observe(record, at: clock.now)
        }
        reportTransitions()
    }

    private func recordWrite(_ written: Lease, startedAt: ErasedClock.Instant) {
        lease = written
        observation = LeaseObservation(record: written.spec ?? Lease.Spec(), observedAt: clock.now)
        lastRenewal = startedAt
        reportTransitions()
    }

    private func stopLeading() {
        lastRenewal = nil
        reportTransitions()
    }

    private func reportTransitions() {
        let holder = observation?.holder
        if holder != reportedHolder {
            reportedHolder = holder
            emit(.newLeader(holder))
        }
        let leading = isLeading
        if leading != reportedLeading {
            reportedLeading = leading
            emit(leading ? .startedLeading : .stoppedLeading)
        }
    }

    private func emit(_ event: LeaderElectionEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    /// Writes to the Lease one at a time, so a renewal and a `persist` never conflict with each other.
    private func lockWrites() async {
        if writing {
            await withCheckedContinuation { writeWaiters.append($0) }
        } else {
            writing = true
        }
    }

    private func unlockWrites() {
        if writeWaiters.isEmpty {
            writing = false
        } else {
            writeWaiters.removeFirst().resume()
        }
    }
}
