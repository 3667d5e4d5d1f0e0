import Foundation
import KubeAPI
import Logging

/// Writes events.k8s.io/v1 Events about kills and recoveries, so `kubectl describe` and `kubectl get events` show
/// what podchaosmonkey did. A failure to write one is logged and otherwise ignored: Events are a courtesy.
public struct EventRecorder: Sendable {
    public static let reportingController = "podchaosmonkey.io/podchaosmonkey"

    let client: KubernetesClient
    let instance: String
    let logger: Logger

    public init(client: KubernetesClient, instance: String, logger: Logger) {
        self.client = client
        self.instance = instance
        self.logger = logger
    }

    /// On the victim: `Killed by podchaosmonkey: evict, seed 42, kill-id …`.
    public func killed(_ candidate: Candidate, mode: KillMode, seed: UInt64, killID: KillID, at time: Date) async {
        let regarding = ObjectReference(
            apiVersion: "v1", kind: "Pod", namespace: candidate.namespace, name: candidate.name, uid: candidate.uid)
        await emit(
            namespace: candidate.namespace, regarding: regarding, reason: "Killed", action: mode.rawValue, type: "Warning",
            note: "Killed by podchaosmonkey: \(mode.rawValue), seed \(seed), kill-id \(killID)", at: time)
    }

    /// On the owner: `Recovered in 2.1s` or `NotRecovered: CrashLoopBackOff after 5m0s`.
    public func recovery(_ result: RecoveryResult, owner: Workload, victim: Candidate, killID: KillID, timeout: Duration, at time: Date)
        async
    {
        let regarding = ObjectReference(
            apiVersion: owner.kind == "Job" ? "batch/v1" : "apps/v1", kind: owner.kind, namespace: owner.namespace, name: owner.name,
            uid: owner.uid)
        let note: String
        let reason: String
        if result.verdict == .recovered, let seconds = result.recoverySeconds {
            reason = result.passed ? "Recovered" : "RecoveredTooSlowly"
            note =
                "Recovered in \(DurationParser.format(.milliseconds(Int64((seconds * 1000).rounded()))))"
                + (result.slo.map { $0.met ? " (objective \(Int($0.seconds))s met)" : " (objective \(Int($0.seconds))s missed)" } ?? "")
                + " after podchaosmonkey killed \(victim.name), kill-id \(killID)"
        } else {
            reason = "NotRecovered"
            note = "NotRecovered: \(result.reason?.rawValue ?? "unknown") after \(DurationParser.format(timeout)), kill-id \(killID)"
        }
        await emit(
            namespace: owner.namespace, regarding: regarding, reason: reason, action: "Observe", type: result.passed ? "Normal" : "Warning",
            note: note, at: time)
    }

    private func emit(
        namespace: String, regarding: ObjectReference, reason: String, action: String, type: String, note: String, at time: Date
    )
        async
    {
        let event = Event(
            metadata: ObjectMeta(generateName: "podchaosmonkey-", namespace: namespace), eventTime: MicroTime(time),
            reportingController: Self.reportingController, reportingInstance: instance, action: action, reason: reason,
            regarding: regarding, note: String(note.prefix(1024)), type: type)
        do {
            _ = try await client.create(event, namespace: namespace)
        } catch {
            logger.warning(
                "could not write Event", metadata: ["reason": "\(reason)", "regarding": "\(regarding.name ?? "")", "error": "\(error)"])
        }
    }
}
