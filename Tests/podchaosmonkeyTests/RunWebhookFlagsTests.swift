import Foundation
import Testing

@testable import podchaosmonkey

/// `--slack-webhook` takes several values from every source, as `--webhook` does, and `run` posts to each.
@Suite("run: webhook flags from every source")
struct RunWebhookFlagsTests {
    static let hooks = ["https://one.example/T/B/x", "https://two.example/T/B/y"]

    static func slackHosts(_ arguments: [String], environment: [String: String] = [:]) throws -> [String?] {
        let prepared = try ArgumentPreprocessor.prepare(["run"] + arguments, environment: environment)
        let run = try #require(try PodChaosMonkey.parseAsRoot(prepared.arguments) as? RunCommand)
        return try run.settings().webhooks.targets.filter { $0.flag == "--slack-webhook" }.map(\.url.host)
    }

    @Test("Every --slack-webhook flag is a target")
    func flags() throws {
        #expect(try Self.slackHosts(Self.hooks.flatMap { ["--slack-webhook", $0] }) == ["one.example", "two.example"])
    }

    @Test("PODCHAOSMONKEY_SLACK_WEBHOOK is a comma-separated list, like the other repeatable options")
    func environment() throws {
        let environment = ["PODCHAOSMONKEY_SLACK_WEBHOOK": Self.hooks.joined(separator: ",")]
        #expect(try Self.slackHosts([], environment: environment) == ["one.example", "two.example"])
    }

    @Test("slack-webhook in a config file takes a list")
    func file() throws {
        let path = try ConfigPreprocessorTests.file("slack-webhook: [\(Self.hooks.joined(separator: ", "))]")
        #expect(try Self.slackHosts(["--config", path]) == ["one.example", "two.example"])
    }
}
