import Foundation
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

@Suite struct SlackPresetTests {
    private func posted(_ send: @Sendable @escaping (WebhookNotifier) -> Void) async throws -> [[String: Any]] {
        let clock = SteppingClock()
        let transport = ScriptedTransport(clock: clock)
        let configuration = try WebhookConfiguration(webhooks: [], template: nil, slackWebhooks: [KillSamples.hookURL], environment: [:])
        let notifier = WebhookNotifier(configuration: configuration, transport: transport, clock: clock)
        try await notifier.running { send(notifier) }
        return try transport.sent.map { try $0.json() }
    }

    @Test func aKillAndItsRecoveryAreOneLineEach() async throws {
        let bodies = try await posted { notifier in
            notifier.killed(KillSamples.kill())
            notifier.recovered(KillSamples.recovered(seconds: 4.2))
        }
        try #require(bodies.count == 2)
        #expect(bodies.allSatisfy { Set($0.keys) == ["text"] })
        #expect(
            bodies[0]["text"] as? String == "podchaosmonkey evicted shop/web-7d9f-abc (Deployment web) — kill 01KB2Q9Y7N4D3XW8ZJ6T5R2M1P")
        #expect(bodies[1]["text"] as? String == "shop/web-7d9f-abc (Deployment web) recovered in 4.2 s — kill 01KB2Q9Y7N4D3XW8ZJ6T5R2M1P")
    }

    @Test func aVerdictThatFailedSaysWhy() async throws {
        let bodies = try await posted { notifier in notifier.recovered(KillSamples.notRecovered(.crashLoopBackOff)) }
        #expect(
            bodies.first?["text"] as? String
                == "shop/web-7d9f-abc (Deployment web) did not recover: CrashLoopBackOff — kill 01KB2Q9Y7N4D3XW8ZJ6T5R2M1P")
    }

    @Test func anInterruptedObservationSaysSoWithoutAVerdict() async throws {
        let bodies = try await posted { notifier in notifier.interrupted(KillSamples.notRecovered(.crashLoopBackOff)) }
        #expect(
            bodies.first?["text"] as? String
                == "shop/web-7d9f-abc (Deployment web): recovery observation interrupted at shutdown, no verdict — kill 01KB2Q9Y7N4D3XW8ZJ6T5R2M1P"
        )
        let event = WebhookEvent(kind: .interrupted, kill: KillSamples.notRecovered(.crashLoopBackOff), toolVersion: "1")
        let json = try #require(try JSONSerialization.jsonObject(with: try event.jsonData()) as? [String: Any])
        #expect(json["event"] as? String == "interrupted")
        #expect(json["recovery"] is NSNull)
        #expect(json["killId"] as? String == "01KB2Q9Y7N4D3XW8ZJ6T5R2M1P")
    }

    @Test func slackMarkupIsEscaped() throws {
        var kill = KillSamples.kill(owner: false)
        kill.result = .failed
        kill.reason = "<forbidden> & denied"
        let payload = try WebhookPayload(event: WebhookEvent(kind: .kill, kill: kill, toolVersion: "1"), format: .slack)
        let object = try #require(try JSONSerialization.jsonObject(with: payload.body) as? [String: String])
        #expect(
            object["text"]
                == "podchaosmonkey failed to evict shop/web-7d9f-abc: &lt;forbidden&gt; &amp; denied — kill 01KB2Q9Y7N4D3XW8ZJ6T5R2M1P")
    }
}
