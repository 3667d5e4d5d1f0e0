import Foundation
import KubeTesting
import Logging

@testable import PodChaos
@testable import PodChaosDaemon

/// Kills as the engine reports them, for notifications.
enum KillSamples {
    static let requestedAt = Date(timeIntervalSince1970: 1_795_000_000.5)

    static func kill(id: String = "01KB2Q9Y7N4D3XW8ZJ6T5R2M1P", pod: String = "web-7d9f-abc", owner: Bool = true) -> KillReport.Kill {
        KillReport.Kill(
            killId: KillID(rawValue: id),
            pod: .init(namespace: "shop", name: pod, uid: "pod-uid-1"),
            owner: owner ? .init(kind: "Deployment", name: "web", uid: "owner-uid-1") : nil,
            action: "evict", result: .killed, reason: nil, requestedAt: requestedAt, recovery: nil)
    }

    static func recovered(seconds: Double = 4.2) -> KillReport.Kill {
        var kill = kill()
        var phases = RecoveryPhases()
        phases.gone = 0.3
        phases.ready = seconds
        kill.recovery = RecoveryResult(
            verdict: .recovered, reason: nil, replacement: .init(name: "web-7d9f-xyz", uid: "pod-uid-2"), phases: phases,
            recoverySeconds: seconds, slo: nil, shutdown: nil)
        return kill
    }

    static func notRecovered(_ reason: RecoveryReason = .crashLoopBackOff) -> KillReport.Kill {
        var kill = kill()
        kill.recovery = RecoveryResult(
            verdict: .timeout, reason: reason, replacement: nil, phases: RecoveryPhases(), recoverySeconds: nil, slo: nil,
            shutdown: nil)
        return kill
    }

    /// A target's URL for a scripted transport: nothing listens there.
    static let hookURL = "https://hooks.example.com\(WebhookReceiver.secretPath)"

    /// `--webhook` targets, the JSON body for each.
    static func webhooks(_ urls: String...) throws -> WebhookConfiguration {
        try WebhookConfiguration(webhooks: urls, template: nil, slackWebhooks: [], environment: [:])
    }

    static func event(_ kind: WebhookEvent.Kind = .kill, id: String = "01KB2Q9Y7N4D3XW8ZJ6T5R2M1P") -> WebhookEvent {
        WebhookEvent(kind: kind, kill: kill(id: id), toolVersion: "1")
    }
}

extension WebhookNotifier {
    /// Runs the notifier around `body`, then lets it drain everything queued and waits for it to stop.
    func running<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        async let run: Void = self.run()
        do {
            let value = try await body()
            finish()
            await run
            return value
        } catch {
            finish()
            await run
            throw error
        }
    }

    /// A notifier that posts through `transport` and waits on `clock`, with the backoff's jitter at one half.
    convenience init(
        configuration: WebhookConfiguration, toolVersion: String = "1", options: WebhookOptions = .init(),
        transport: ScriptedTransport, clock: SteppingClock, logger: Logger = LogCapture().logger
    ) {
        self.init(
            configuration: configuration, toolVersion: toolVersion, options: options, httpClient: nil, transport: transport, clock: clock,
            random: { 0.5 }, logger: logger)
    }
}
