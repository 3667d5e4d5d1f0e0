import ArgumentParser
import Testing

@testable import podchaosmonkey

/// `run`'s durations that make no sense are refused before it connects, in the checks `config validate` shares:
/// one line naming the flag, exit 2.
@Suite("run: duration checks")
struct RunDurationChecksTests {
    static let refused: [(arguments: [String], culprit: String)] = [
        (["--shutdown-timeout", "0s"], "--shutdown-timeout: must be more than 0"),
        (["--shutdown-timeout=-5s"], "--shutdown-timeout: invalid duration"),
        (["--tick-timeout", "0s"], "--tick-timeout: must be more than 0"),
        (["--tick-timeout=-1m"], "--tick-timeout: invalid duration"),
        (["--interval", "0s"], "--interval: must be more than 0"),
        (["--interval=-10m"], "--interval: invalid duration"),
        (["--max-runtime", "0s"], "--max-runtime: must be more than 0"),
        (["--min-time-between-kills-per-owner=-1h"], "--min-time-between-kills-per-owner: invalid duration"),
        (["--default-mtbf=-2d"], "--default-mtbf: invalid duration"),
        (["--leader-elect-lease-duration", "0s"], "--leader-elect-lease-duration: must be more than 0"),
        (["--leader-elect-renew-deadline=-10s"], "--leader-elect-renew-deadline: invalid duration"),
        (["--leader-elect-retry-period", "0s"], "--leader-elect-retry-period: must be more than 0"),
        (
            ["--leader-elect-lease-duration", "10s", "--leader-elect-renew-deadline", "10s"],
            "--leader-elect-lease-duration: must be more than --leader-elect-renew-deadline (10s)"
        ),
        (
            ["--leader-elect-lease-duration", "15s", "--leader-elect-renew-deadline", "20s"],
            "--leader-elect-lease-duration: must be more than --leader-elect-renew-deadline (20s)"
        ),
        (
            ["--leader-elect-renew-deadline", "2s", "--leader-elect-retry-period", "2s"],
            "--leader-elect-renew-deadline: must be more than --leader-elect-retry-period × 1.2 (2.4s)"
        ),
    ]

    @Test("A duration that makes no sense is refused with one line naming the flag", arguments: refused)
    func refusedDuration(arguments: [String], culprit: String) throws {
        let command = try RunCommand.parse(arguments)
        do {
            _ = try command.settings()
            Issue.record("\(arguments) accepted")
        } catch {
            let cliError = CLIError.from(error)
            #expect(cliError.status == .usage, "\(arguments)")
            #expect(cliError.message.hasPrefix(culprit), "\(arguments): \(cliError.message)")
            #expect(!cliError.message.contains("\n"))
        }
    }

    static let accepted: [[String]] = [
        [],
        ["--min-time-between-kills-per-owner", "0s"],
        ["--default-mtbf", "0s"],
        ["--shutdown-timeout", "1ms", "--tick-timeout", "1s", "--interval", "1s", "--max-runtime", "1m"],
        ["--leader-elect-lease-duration", "4s", "--leader-elect-renew-deadline", "3s", "--leader-elect-retry-period", "250ms"],
    ]

    @Test("Durations that make sense, zero where zero means something, are accepted", arguments: accepted)
    func acceptedDurations(arguments: [String]) throws {
        _ = try RunCommand.parse(arguments).settings()
    }
}
