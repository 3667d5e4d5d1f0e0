import Foundation
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// The default body, as a receiver gets it over HTTP, against the fields docs/webhooks.md documents.
@Suite(.dedicatedThreads) struct WebhookBodyTests {
    /// Every key of docs/webhooks.md, decoded with the documented types.
    struct DocumentedBody: Decodable {
        struct Pod: Decodable { var namespace: String, name: String, uid: String? }
        struct Owner: Decodable { var kind: String, name: String, uid: String }
        struct Replacement: Decodable { var name: String, uid: String }
        struct Recovery: Decodable {
            var verdict: String
            var reason: String?
            var replacement: Replacement?
            var phases: [String: Double?]
            var recoverySeconds: Double?
        }
        struct Tool: Decodable { var name: String, version: String }

        var schemaVersion: Int
        var event: String
        var killId: String
        var pod: Pod
        var owner: Owner?
        var action: String
        var result: String
        var reason: String?
        var requestedAt: String
        var recovery: Recovery?
        var tool: Tool
        var summary: String
    }

    static let documentedKeys: Set<String> = [
        "schemaVersion", "event", "killId", "pod", "owner", "action", "result", "reason", "requestedAt", "recovery", "tool",
        "summary",
    ]

    @Test func killAndVerdictArePostedWithTheDocumentedFields() async throws {
        let hooks = try await WebhookReceiver.with { receiver in
            let configuration = try WebhookConfiguration(webhooks: [receiver.url()], template: nil, slackWebhooks: [], environment: [:])
            let notifier = WebhookNotifier(
                configuration: configuration, toolVersion: "9.9.9", logger: LogCapture().logger)
            try await notifier.running {
                notifier.killed(KillSamples.kill())
                notifier.recovered(KillSamples.recovered(seconds: 4.2))
            }
            #expect(notifier.statistics.delivered == 2)
            return receiver.requests
        }
        try #require(hooks.count == 2)

        let kill = try JSONDecoder().decode(DocumentedBody.self, from: Data(hooks[0].body.utf8))
        #expect(Set(try hooks[0].json().keys) == Self.documentedKeys)
        #expect(kill.schemaVersion == 1)
        #expect(kill.event == "kill")
        #expect(kill.killId == "01KB2Q9Y7N4D3XW8ZJ6T5R2M1P")
        #expect(kill.pod.namespace == "shop" && kill.pod.name == "web-7d9f-abc" && kill.pod.uid == "pod-uid-1")
        #expect(kill.owner?.kind == "Deployment" && kill.owner?.name == "web" && kill.owner?.uid == "owner-uid-1")
        #expect(kill.action == "evict" && kill.result == "killed" && kill.reason == nil)
        #expect(kill.requestedAt == "2026-11-18T11:06:40.500Z")
        #expect(kill.recovery == nil)
        #expect(kill.tool.name == "podchaosmonkey" && kill.tool.version == "9.9.9")
        #expect(kill.summary == "podchaosmonkey evicted shop/web-7d9f-abc (Deployment web) — kill 01KB2Q9Y7N4D3XW8ZJ6T5R2M1P")

        let verdict = try JSONDecoder().decode(DocumentedBody.self, from: Data(hooks[1].body.utf8))
        #expect(Set(try hooks[1].json().keys) == Self.documentedKeys)
        #expect(verdict.event == "verdict")
        #expect(verdict.killId == kill.killId)
        let recovery = try #require(verdict.recovery)
        #expect(recovery.verdict == "recovered" && recovery.reason == nil)
        #expect(recovery.recoverySeconds == 4.2)
        #expect(recovery.replacement?.name == "web-7d9f-xyz")
        #expect(recovery.phases["ready"] == 4.2)
        #expect(verdict.summary.contains("recovered in 4.2 s"))

        #expect(hooks[0].header("Content-Type") == "application/json")
        #expect(hooks[0].header("User-Agent") == "podchaosmonkey/9.9.9")
        #expect(hooks[0].header("X-Podchaosmonkey-Event") == "kill")
        #expect(hooks[1].header("X-Podchaosmonkey-Delivery") == "01KB2Q9Y7N4D3XW8ZJ6T5R2M1P-verdict")
    }

    @Test func anOrphanHasANullOwnerAndAKillNeverCarriesARecovery() throws {
        var orphan = KillSamples.recovered()
        orphan.owner = nil
        let data = try WebhookEvent(kind: .kill, kill: orphan, toolVersion: "1").jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["owner"] is NSNull)
        #expect(object["recovery"] is NSNull)
        #expect(Set(object.keys) == Self.documentedKeys)
    }

    @Test func theKillFieldsAreTheKillReportsOwn() throws {
        let kill = KillSamples.recovered()
        let report = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(kill)) as? [String: Any]
        let body =
            try JSONSerialization.jsonObject(with: try WebhookEvent(kind: .verdict, kill: kill, toolVersion: "1").jsonData())
            as? [String: Any]
        let reportObject = try #require(report)
        let bodyObject = try #require(body)
        for (key, value) in reportObject {
            let expected = try JSONSerialization.data(withJSONObject: ["v": value], options: .sortedKeys)
            let actual = try JSONSerialization.data(withJSONObject: ["v": try #require(bodyObject[key])], options: .sortedKeys)
            #expect(expected == actual, "\(key)")
        }
    }
}
