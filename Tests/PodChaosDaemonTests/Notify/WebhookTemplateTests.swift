import Foundation
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

@Suite struct WebhookTemplateTests {
    private func write(_ text: String, name: String = "body.mustache") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aTemplateRendersTheBodysFieldsAndIsPostedToEveryWebhook() async throws {
        let path = try write(
            """
            {"message": "{{summary}}", "id": "{{killId}}", "where": "{{pod.namespace}}/{{pod.name}}",
             {{#owner}}"owner": "{{kind}} {{name}}",{{/owner}}{{^owner}}"owner": "none",{{/owner}}
             "event": "{{event}}", "version": {{schemaVersion}}, "tool": "{{tool.name}} {{tool.version}}"{{#recovery}},
             "verdict": "{{verdict}}", "seconds": {{recoverySeconds}}{{/recovery}}}
            """)
        let clock = SteppingClock()
        let transport = ScriptedTransport(clock: clock)
        let configuration = try WebhookConfiguration(
            webhooks: ["https://hooks.example.com/a", "https://hooks.example.com/b"], template: path, slackWebhooks: [],
            environment: [:])
        let notifier = WebhookNotifier(configuration: configuration, toolVersion: "1.2.3", transport: transport, clock: clock)
        try await notifier.running {
            notifier.killed(KillSamples.kill())
            notifier.recovered(KillSamples.recovered(seconds: 4.2))
        }
        let hooks = transport.sent
        try #require(hooks.count == 4)
        #expect(Set(hooks.map(\.request.url.path)) == ["/a", "/b"])
        let kill = try #require(hooks.first { $0.request.url.path == "/a" }).json()
        #expect(kill["id"] as? String == "01KB2Q9Y7N4D3XW8ZJ6T5R2M1P")
        #expect(kill["where"] as? String == "shop/web-7d9f-abc")
        #expect(kill["owner"] as? String == "Deployment web")
        #expect(kill["event"] as? String == "kill")
        #expect(kill["version"] as? Int == 1)
        #expect(kill["tool"] as? String == "podchaosmonkey 1.2.3")
        #expect((kill["message"] as? String)?.hasPrefix("podchaosmonkey evicted shop/web-7d9f-abc") == true)
        #expect(kill["verdict"] == nil)
        let verdict = try #require(hooks.last { $0.request.url.path == "/a" }).json()
        #expect(verdict["verdict"] as? String == "recovered")
        #expect(verdict["seconds"] as? Double == 4.2)
    }

    @Test func valuesAreEscapedForJSONStrings() throws {
        var kill = KillSamples.kill(owner: false)
        kill.result = .failed
        kill.reason = "the server said \"no\"\n\tand <closed> & left \\"
        let template = try WebhookTemplate(text: #"{"reason": "{{reason}}", "owner": "{{^owner}}orphan{{/owner}}"}"#, path: "t")
        let body = try template.render(WebhookEvent(kind: .kill, kill: kill, toolVersion: "1"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        #expect(object["reason"] == kill.reason)
        #expect(object["owner"] == "orphan")
    }

    @Test func aTemplateMayChooseTextEscaping() throws {
        let template = try WebhookTemplate(text: "{{% CONTENT_TYPE: TEXT}}\nkill {{killId}} \"{{pod.name}}\"", path: "t")
        let body = try template.render(WebhookEvent(kind: .kill, kill: KillSamples.kill(), toolVersion: "1"))
        #expect(body == "kill 01KB2Q9Y7N4D3XW8ZJ6T5R2M1P \"web-7d9f-abc\"")
    }

    @Test func aTemplateThatDoesNotParseNamesTheFileAndLine() throws {
        let path = try write("{\n  \"pod\": \"{{#pod}}{{name}}\",\n  \"x\": \"{{/owner}}\"\n}\n")
        let error = try #require(throws: WebhookError.self) {
            try WebhookConfiguration(webhooks: ["https://example.com/hook"], template: path, slackWebhooks: [], environment: [:])
        }
        #expect(error.description.hasPrefix("--webhook-template \(path):3:"))
        #expect(error.description.contains("closed with a different name"))
        #expect(!error.description.contains("\n"))
    }

    @Test func anErrorOnTheFirstLineReportsItsOwnColumn() throws {
        let error = try #require(throws: WebhookError.self) { try WebhookTemplate(text: "ab {{% NOPE: X}}", path: "first.mustache") }
        #expect(error.description.hasPrefix("--webhook-template first.mustache:1:"))
        let column = error.description.split(separator: ":")[2]
        // Not shifted by anything the notifier adds in front: the tag ends at column 17.
        #expect(Int(column).map { $0 <= 17 } == true, "\(error)")
    }

    @Test func aMissingTemplateFileIsNamed() throws {
        let error = try #require(throws: WebhookError.self) {
            try WebhookConfiguration(
                webhooks: ["https://example.com/x"], template: "/nonexistent/t.mustache", slackWebhooks: [], environment: [:])
        }
        #expect(error.description == "--webhook-template /nonexistent/t.mustache: cannot read it: no such file")
    }

    @Test func aTemplateWithoutAWebhookIsAConfigurationError() throws {
        let path = try write("{}")
        let error = try #require(throws: WebhookError.self) {
            try WebhookConfiguration(webhooks: [], template: path, slackWebhooks: ["https://hooks.slack.com/x"], environment: [:])
        }
        #expect(error.flag == "--webhook-template")
    }
}
