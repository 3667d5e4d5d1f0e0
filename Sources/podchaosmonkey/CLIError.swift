import ArgumentParser
import KubeAPI
import PodChaos
import PodChaosDaemon

/// Exit codes, as documented in docs/report.md and the shared contract.
enum ExitStatus: Int32 {
    case success = 0
    case notRecovered = 1
    case usage = 2
    case nothingKilled = 3
    case apiError = 4
    /// `run` only: still running `--shutdown-timeout` plus a margin after SIGTERM/SIGINT.
    case shutdownTimedOut = 5
}

/// A failure the CLI reports as one line on stderr, with its exit code.
struct CLIError: Error, CustomStringConvertible {
    let status: ExitStatus
    let message: String

    static func usage(_ message: String) -> CLIError { CLIError(status: .usage, message: message) }
    static func api(_ message: String) -> CLIError { CLIError(status: .apiError, message: message) }

    var description: String { message }

    /// Maps anything thrown by the engine or the client to its exit status.
    static func from(_ error: any Error) -> CLIError {
        switch error {
        case let error as CLIError: return error
        case let error as KubeAPIError where error.isConfiguration: return .usage("\(error)")
        case let error as KubeAPIError: return .api("\(error)")
        case let error as ConfigError: return .usage("\(error)")
        // The user's selector, refused by the server (an unsupported field): the user's input, not the API's fault.
        case let error as SelectionError: return .usage("\(error)")
        // An address the user chose that cannot be bound (taken, not local, unresolvable).
        case let error as StatusServerError where error.isCannotListen: return .usage("\(error)")
        // Led by the flag they name, so a value from --config or PODCHAOSMONKEY_* is attributed to its source.
        case let error as ScheduleError: return .usage("\(error.flag): \(EchoedValue.quoted(error.value)): \(error.reason)")
        case let error as WebhookError:
            return .usage(error.message.hasPrefix(error.flag) ? error.message : "\(error.flag): \(error.message)")
        default: return .api("\(error)")
        }
    }
}

extension AsyncParsableCommand {
    /// Prints `error` as one line and exits with its status; never returns.
    static func fail(_ error: any Error) -> Never {
        let cliError = CLIError.from(error)
        printError("podchaosmonkey: \(SettingOrigins.attribute(cliError.message))")
        Self.exit(withError: ExitCode(cliError.status.rawValue))
    }
}
