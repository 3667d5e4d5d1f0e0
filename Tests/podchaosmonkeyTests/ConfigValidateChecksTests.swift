import Foundation
import KubeTesting
import Testing

/// `config validate` refuses what the command refuses, with the command's own checks; and a refused value is named by
/// where it came from: the file and key, the variable, or the flag.
@Suite("config validate runs the command's checks; errors name the value's origin", .dedicatedThreads)
struct ConfigValidateChecksTests {
    @Test("A run file with a schedule run refuses: validate refuses it too, naming the file and key")
    func runSchedule() async throws {
        let (_, path) = try ConfigCLITests.file("cron: \"61 * * * *\"\nnamespace: [demo]\n")
        let message = #"\#(path): cron: "61 * * * *": minute 61 is out of range 0-59"#
        let validate = try await CLIRunner.run(["config", "validate", path])
        #expect(validate.status == 2)
        #expect(validate.stderr == message + "\n")
        let validateRun = try await CLIRunner.run(["config", "validate", path, "--command", "run"])
        #expect(validateRun.stderr == message + "\n")
        // The same check, the same words, as run itself.
        let run = try await CLIRunner.run(["run", "--once", "--config", path])
        #expect(run.status == 2)
        #expect(run.stderr == "podchaosmonkey: \(message)\n")
    }

    @Test("A kill value only the command's own check refuses is refused by validate")
    func killPercent() async throws {
        let (_, path) = try ConfigCLITests.file("percent: 120\nnamespace: [demo]\n")
        let validate = try await CLIRunner.run(["config", "validate", path])
        #expect(validate.status == 2)
        #expect(validate.stderr == "\(path): percent: must be more than 0 and at most 100, got 120.0\n")
    }

    @Test("A file that one of the commands taking all its keys accepts is valid: count is for kill, not run")
    func anyCommandThatFits() async throws {
        let (_, path) = try ConfigCLITests.file("count: 2\nnamespace: [demo]\n")
        let validate = try await CLIRunner.run(["config", "validate", path])
        #expect(validate.status == 0, "\(validate.stderr)")
        let asRun = try await CLIRunner.run(["config", "validate", path, "--command", "run"])
        #expect(asRun.status == 2)
        #expect(asRun.stderr.hasPrefix("\(path): --count, --percent and --all do not apply to run"), "\(asRun.stderr)")
    }

    @Test(
        "A webhook URL run refuses is named by its origin: file and key, variable, or flag",
        arguments: [
            (["--config", "FILE"], [:], "FILE: webhook: ftp://x.example is not an http:// or https:// URL with a host"),
            (
                [], ["PODCHAOSMONKEY_WEBHOOK": "ftp://x.example/SECRET"],
                "PODCHAOSMONKEY_WEBHOOK: ftp://x.example is not an http:// or https:// URL with a host"
            ),
            (["--webhook", "ftp://x.example/SECRET"], [:], "--webhook: ftp://x.example is not an http:// or https:// URL with a host"),
        ] as [([String], [String: String], String)])
    func webhookOrigin(arguments: [String], environment: [String: String], message: String) async throws {
        let (_, path) = try ConfigCLITests.file("webhook: [ftp://x.example/SECRET]\n")
        let arguments = arguments.map { $0 == "FILE" ? path : $0 }
        let message = message.replacingOccurrences(of: "FILE", with: path)
        let run = try await CLIRunner.run(["run", "--once"] + arguments, environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr == "podchaosmonkey: \(message)\n")
        #expect(!run.stderr.contains("SECRET") && !run.stderr.contains("command line"))
        if arguments.first == "--config" {
            let validate = try await CLIRunner.run(["config", "validate", path])
            #expect(validate.stderr == message + "\n")
        }
    }

    @Test("An env: reference is named with its file and key when the variable is missing")
    func missingVariable() async throws {
        let (_, path) = try ConfigCLITests.file("slack-webhook: [env:PCM_TEST_UNSET_HOOK]\n")
        let validate = try await CLIRunner.run(["config", "validate", path])
        #expect(validate.status == 2)
        #expect(
            validate.stderr == "\(path): slack-webhook env:PCM_TEST_UNSET_HOOK: environment variable PCM_TEST_UNSET_HOOK is not set\n")
    }

    @Test("A conflict between two options is named by its flags, not attributed to the file")
    func conflictNamedByFlags() async throws {
        let (_, path) = try ConfigCLITests.file("interval: 5m\ncron: \"@hourly\"\n")
        let validate = try await CLIRunner.run(["config", "validate", path])
        #expect(validate.status == 2)
        #expect(validate.stderr == "\(path): --interval and --cron are mutually exclusive\n")
    }
}
