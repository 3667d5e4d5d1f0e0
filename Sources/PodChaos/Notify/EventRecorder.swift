import Foundation
import KubeAPI
import Logging

/// Writes events.k8s.io/v1 Events about kills and recoveries, so `kubectl describe` and `kubectl get events` show
/// what podchaosmonkey did. A failure to write one is logged and otherwise ignored: Events are a courtesy.
public struct EventRecorder: Sendable {
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
        let event = killedEvent(
            candidate, mode: mode, note: "Killed by podchaosmonkey: \(mode.rawValue), seed \(seed), kill-id \(killID)", at: time)
        await write(event)
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
                "Recovered in \(GoDuration.format(.seconds(seconds), precision: .readable))"
                + (result.slo.map { $0.met ? " (objective \(Int($0.seconds))s met)" : " (objective \(Int($0.seconds))s missed)" } ?? "")
                + " after podchaosmonkey killed \(victim.name), kill-id \(killID)"
        } else {
            reason = "NotRecovered"
            let waited = GoDuration.format(timeout, precision: .readable)
            note = "NotRecovered: \(result.reason?.rawValue ?? "unknown") after \(waited), kill-id \(killID)"
        }
        await write(
            event(
                namespace: owner.namespace, regarding: regarding, reason: reason, action: "Observe",
                type: result.passed ? "Normal" : "Warning",
                note: note, at: time))
    }

    /// Proves, before anything is killed, that Events can be written where `candidate` lives: the Killed event is
    /// sent as a server dry run. A refusal (forbidden, unauthorized) is a missing permission and is thrown; any other
    /// failure is left to the real write, where Events stay a courtesy.
    public func checkPermission(for candidate: Candidate, mode: KillMode, at time: Date) async throws {
        let event = killedEvent(candidate, mode: mode, note: "Permission check by podchaosmonkey (dry run)", at: time)
        do {
            _ = try await client.create(event, namespace: candidate.namespace, dryRun: true)
        } catch let error as KubeAPIError where error.isForbidden || error.isUnauthorized {
            throw error
        } catch {
            logger.debug("could not check the Event permission", metadata: ["namespace": "\(candidate.namespace)", "error": "\(error)"])
        }
    }

    private func killedEvent(_ candidate: Candidate, mode: KillMode, note: String, at time: Date) -> Event {
        let regarding = ObjectReference(
            apiVersion: "v1", kind: "Pod", namespace: candidate.namespace, name: candidate.name, uid: candidate.uid)
        return event(
            namespace: candidate.namespace, regarding: regarding, reason: "Killed", action: mode.rawValue, type: "Warning", note: note,
            at: time)
    }

    private func event(
        namespace: String, regarding: ObjectReference, reason: String, action: String, type: String, note: String, at time: Date
    ) -> Event {
        Event(
            metadata: ObjectMeta(generateName: "podchaosmonkey-", namespace: namespace), eventTime: MicroTime(time),
            reportingController: PodChaosKeys.reportingController, reportingInstance: instance, action: action, reason: reason,
            regarding: regarding, note: String(note.prefix(1024)), type: type)
    }

    private func write(_ event: Event) async {
        do {
            _ = try await client.create(event, namespace: event.metadata.namespace)
        } catch {
            logger.warning(
                "could not write Event",
                metadata: ["reason": "\(event.reason ?? "")", "regarding": "\(event.regarding?.name ?? "")", "error": "\(error)"])
        }
    }
}
