import Foundation
import KubeAPI

/// Follows one kill to recovery from observations, with no I/O: feed it pods, owner status and EndpointSlices
/// as the watches deliver them, with the time each was observed, and read the phases and the verdict.
public struct RecoveryTracker: Sendable {
    public private(set) var target: RecoveryTarget
    public private(set) var phases = RecoveryPhases()
    public private(set) var replacement: Pod?
    /// The owner's desired replicas when observation started; a drop means someone scaled it down.
    private var initialDesired: Int?
    private var ownerDeleted = false
    private var ownerScaledDown = false
    private var ownerReady = false
    /// Services whose selector matches the replacement, by name, and whether their slices show it ready.
    private var endpointReadiness: [String: Bool] = [:]
    private var servicesKnown = false
    /// Waiting reasons and restarts the replacement has shown, so a timeout that catches a crash-looping pod between
    /// restarts (briefly Running) still names the crash loop.
    private var seenWaitingReasons: Set<String> = []
    private var maxRestarts = 0

    public init(target: RecoveryTarget) {
        self.target = target
        initialDesired = target.owner.desiredReplicas
    }

    /// A controller whose pods count as the owner's too (a Deployment's new ReplicaSet during a rollout).
    public mutating func addPodController(_ uid: String) {
        target.podControllerUIDs.insert(uid)
    }

    /// True once the replacement is Ready, the owner available, and every selecting Service routes to it.
    public var isRecovered: Bool {
        phases.ready != nil && phases.ownerAvailable != nil
            && (phases.endpointsReady != nil || (servicesKnown && endpointReadiness.isEmpty))
    }

    /// Seconds from the kill until recovery: the last of ready, owner available and endpoints ready.
    public var recoverySeconds: Double? {
        guard isRecovered else { return nil }
        return [phases.ready, phases.ownerAvailable, phases.endpointsReady].compactMap { $0 }.max()
    }

    private func seconds(_ time: Date) -> Double { max(0, time.timeIntervalSince(target.requestedAt)) }

    private mutating func mark(_ phase: WritableKeyPath<RecoveryPhases, Double?>, at time: Date) {
        if phases[keyPath: phase] == nil { phases[keyPath: phase] = seconds(time) }
    }

    /// A pod as a watch delivered it; `deleted` for a DELETED event.
    public mutating func observe(pod: Pod, deleted: Bool, at time: Date) {
        let uid = pod.metadata.uid ?? ""
        if uid == target.victimUID {
            if pod.isTerminating { mark(\.terminating, at: time) }
            if deleted {
                mark(\.terminating, at: time)
                mark(\.gone, at: time)
            }
            return
        }
        guard isReplacementCandidate(pod) else { return }
        if replacement == nil || replacement?.metadata.uid == uid {
            if replacement == nil { mark(\.replacementCreated, at: time) }
            replacement = deleted ? nil : pod
        }
        guard replacement?.metadata.uid == uid, !deleted else { return }
        for status in pod.status?.containerStatuses ?? [] {
            if let reason = status.state?.waiting?.reason { seenWaitingReasons.insert(reason) }
            maxRestarts = max(maxRestarts, status.restartCount ?? 0)
        }
        if pod.spec?.nodeName?.isEmpty == false { mark(\.scheduled, at: time) }
        if pod.phase == .running || (pod.status?.containerStatuses ?? []).contains(where: { $0.state?.running != nil }) {
            mark(\.scheduled, at: time)
            mark(\.running, at: time)
        }
        if pod.isReady {
            mark(\.scheduled, at: time)
            mark(\.running, at: time)
            mark(\.ready, at: time)
        }
        if ownerReady, phases.ready != nil { mark(\.ownerAvailable, at: time) }
    }

    private func isReplacementCandidate(_ pod: Pod) -> Bool {
        let uid = pod.metadata.uid ?? ""
        guard !target.existingPodUIDs.contains(uid), target.belongsToOwner(pod), !pod.isTerminating else { return false }
        // A StatefulSet brings the victim back under its own name; any other controller under a new one.
        if target.owner.kind == "StatefulSet" { return pod.metadata.name == target.victimName }
        return true
    }

    /// The owner's status as a watch delivered it.
    public mutating func observe(owner: Workload, at time: Date) {
        if let initial = initialDesired, let desired = owner.desiredReplicas, desired < initial { ownerScaledDown = true }
        ownerReady = owner.isFullyReady
        if ownerReady, phases.ready != nil { mark(\.ownerAvailable, at: time) }
    }

    public mutating func observeOwnerDeleted(at time: Date) {
        ownerDeleted = true
    }

    /// The Services in the namespace and the EndpointSlices they own, as currently known.
    public mutating func observe(services: [Service], slices: [EndpointSlice], at time: Date) {
        servicesKnown = true
        guard let pod = replacement else { return }
        let labels = pod.metadata.labels ?? [:]
        let selecting = services.filter { service in
            guard let selector = service.spec?.selector, !selector.isEmpty else { return false }
            return selector.allSatisfy { labels[$0.key] == $0.value }
        }
        endpointReadiness = [:]
        for service in selecting {
            let name = service.metadata.name ?? ""
            let owned = slices.filter { $0.metadata.labels?["kubernetes.io/service-name"] == name }
            endpointReadiness[name] = owned.contains { slice in
                (slice.endpoints ?? []).contains { $0.targetRef?.uid == pod.metadata.uid && $0.conditions?.ready == true }
            }
        }
        if !endpointReadiness.isEmpty, endpointReadiness.values.allSatisfy({ $0 }) {
            // A slice only lists a pod as ready once the pod is: if its own watch is behind, the pod was ready by now.
            mark(\.scheduled, at: time)
            mark(\.running, at: time)
            mark(\.ready, at: time)
            mark(\.endpointsReady, at: time)
            if ownerReady { mark(\.ownerAvailable, at: time) }
        }
    }

    /// One short phrase for a progress line: the furthest phase reached so far.
    public var progressSummary: String {
        let victim = target.victimName
        if let replacement {
            let name = replacement.metadata.name ?? "?"
            if phases.ready != nil { return "\(victim) → \(name) Ready, waiting for \(target.owner.kind)/\(target.owner.name)" }
            if phases.running != nil { return "\(victim) → \(name) Running" }
            if phases.scheduled != nil { return "\(victim) → \(name) scheduled" }
            return "\(victim) → \(name) created"
        }
        if phases.gone != nil { return "\(victim) gone, no replacement yet" }
        if phases.terminating != nil { return "\(victim) terminating" }
        return "\(victim) killed"
    }

    /// The outcome now: `recovered`, or — once time is up — `timeout` with the most specific reason the state shows.
    public func result(timedOut: Bool) -> RecoveryResult {
        if isRecovered { return result(.recovered, reason: nil) }
        return result(timedOut ? .timeout : .notObserved, reason: failureReason())
    }

    /// The result of a wait cut short before the owner recovered: `reason` is what it was still waiting for.
    public func interruptedResult() -> RecoveryResult {
        isRecovered ? result(.recovered, reason: nil) : result(.interrupted, reason: failureReason())
    }

    private func result(_ verdict: RecoveryVerdict, reason: RecoveryReason?) -> RecoveryResult {
        let grace = Double(target.gracePeriodSeconds)
        let shutdown = phases.gone.map { gone in
            RecoveryResult.Shutdown(seconds: gone, gracePeriodSeconds: grace, likelyIgnoresSIGTERM: grace > 0 && gone >= 0.9 * grace)
        }
        let slo = target.slo.map { objective in
            RecoveryResult.Objective(seconds: objective.seconds, met: recoverySeconds.map { $0 <= objective.seconds } ?? false)
        }
        return RecoveryResult(
            verdict: verdict, reason: reason,
            replacement: replacement.map { .init(name: $0.metadata.name ?? "", uid: $0.metadata.uid ?? "") }, phases: phases,
            recoverySeconds: recoverySeconds, slo: slo, shutdown: shutdown)
    }

    /// The most specific explanation of why recovery is not complete.
    func failureReason() -> RecoveryReason {
        if ownerDeleted { return .ownerDeleted }
        guard let pod = replacement else {
            if ownerScaledDown { return .ownerScaledDown }
            return phases.gone == nil && phases.terminating == nil ? .victimNotGone : .noReplacement
        }
        let waiting = (pod.status?.containerStatuses ?? []).compactMap { $0.state?.waiting?.reason }
        if let scheduled = pod.status?.conditions?[type: "PodScheduled"], scheduled.status == "False",
            scheduled.reason == "Unschedulable"
        {
            return .unschedulable
        }
        if waiting.contains("ImagePullBackOff") { return .imagePullBackOff }
        if waiting.contains("ErrImagePull") { return .errImagePull }
        if waiting.contains("CrashLoopBackOff") || (!pod.isReady && (maxRestarts > 0 || seenWaitingReasons.contains("CrashLoopBackOff"))) {
            return .crashLoopBackOff
        }
        if waiting.contains("ContainerCreating") || (pod.phase == .pending && pod.spec?.nodeName != nil) {
            return .stuckContainerCreating
        }
        if pod.spec?.nodeName == nil { return .unschedulable }
        if !pod.isReady { return .neverReady }
        if phases.ownerAvailable == nil { return ownerScaledDown ? .ownerScaledDown : .ownerNotAvailable }
        return .endpointsNotReady
    }
}

/// The recovery half of a kill's report entry.
public struct RecoveryResult: Sendable, Hashable, Encodable {
    public struct Replacement: Sendable, Hashable, Encodable {
        public var name: String
        public var uid: String
    }
    public struct Objective: Sendable, Hashable, Encodable {
        public var seconds: Double
        public var met: Bool
    }
    /// How long the victim took to go away against its grace period.
    public struct Shutdown: Sendable, Hashable, Encodable {
        public var seconds: Double
        public var gracePeriodSeconds: Double
        /// Used at least 90 % of its grace period: it probably ignores SIGTERM and was killed at the deadline.
        public var likelyIgnoresSIGTERM: Bool
    }

    public var verdict: RecoveryVerdict
    public var reason: RecoveryReason?
    public var replacement: Replacement?
    public var phases: RecoveryPhases
    public var recoverySeconds: Double?
    public var slo: Objective?
    public var shutdown: Shutdown?

    /// Whether this kill passes: recovered, and within its objective when it has one.
    public var passed: Bool { verdict == .recovered && (slo?.met ?? true) }

    public static func notObserved(_ reason: RecoveryReason) -> RecoveryResult {
        RecoveryResult(
            verdict: .notObserved, reason: reason, replacement: nil, phases: RecoveryPhases(), recoverySeconds: nil, slo: nil, shutdown: nil
        )
    }

    enum CodingKeys: String, CodingKey { case verdict, reason, replacement, phases, recoverySeconds, slo, shutdown }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(reason, forKey: .reason)
        try container.encode(replacement, forKey: .replacement)
        try container.encode(phases, forKey: .phases)
        try container.encode(recoverySeconds.map { ($0 * 1000).rounded() / 1000 }, forKey: .recoverySeconds)
        try container.encode(slo, forKey: .slo)
        try container.encode(shutdown, forKey: .shutdown)
    }
}
