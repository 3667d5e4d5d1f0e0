import Foundation
import PodChaos

/// The one-line, human account of a notification that chat presets post and templates may use as `summary`.
enum WebhookSummary {
    static func line(for event: WebhookEvent) -> String {
        let kill = event.kill
        let subject = "\(kill.pod.namespace)/\(kill.pod.name)" + (kill.owner.map { " (\($0.kind) \($0.name))" } ?? "")
        let tail = " — kill \(kill.killId)"
        switch event.kind {
        case .kill:
            return "podchaosmonkey " + killPhrase(kill, subject: subject) + tail
        case .verdict:
            return "\(subject) " + verdictPhrase(kill.recovery) + tail
        case .interrupted:
            return "\(subject): recovery observation interrupted at shutdown, no verdict" + tail
        }
    }

    private static func killPhrase(_ kill: KillReport.Kill, subject: String) -> String {
        let reason = kill.reason.map { ": \($0)" } ?? ""
        switch kill.result {
        case .killed: return "\(pastTense(kill.action)) \(subject)"
        case .dryRun: return "would have \(pastTense(kill.action)) \(subject) (dry run)"
        case .gone: return "found \(subject) already gone"
        case .blocked: return "could not \(kill.action) \(subject)\(reason)"
        case .failed: return "failed to \(kill.action) \(subject)\(reason)"
        }
    }

    private static func verdictPhrase(_ recovery: RecoveryResult?) -> String {
        guard let recovery else { return "recovery not observed" }
        switch recovery.verdict {
        case .recovered:
            let took = recovery.recoverySeconds.map { " in \(seconds($0))" } ?? ""
            guard let slo = recovery.slo, !slo.met else { return "recovered\(took)" }
            return "recovered\(took), over its \(seconds(slo.seconds)) objective"
        case .timeout:
            return "did not recover: \(recovery.reason?.rawValue ?? "timeout")"
        case .notObserved:
            return "recovery not observed: \(recovery.reason?.rawValue ?? "unknown")"
        case .interrupted:
            return "interrupted while waiting: \(recovery.reason?.rawValue ?? "unknown")"
        }
    }

    private static func pastTense(_ action: String) -> String {
        switch action {
        case "evict": "evicted"
        case "delete": "deleted"
        case "force": "force-deleted"
        default: "killed (\(action))"
        }
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }
}
