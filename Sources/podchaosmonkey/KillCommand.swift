import ArgumentParser
import Foundation
import PodChaos

struct KillCommand: AsyncParsableCommand, SettingsCheck {
    static let configuration = CommandConfiguration(
        commandName: "kill",
        abstract: "Kill pods at random within the safety rules, then report.",
        discussion: """
            Exit codes: 0 done as asked; 1 a victim did not recover; 2 usage or configuration error; \
            3 nothing was killed (nothing eligible, or every attempt blocked); 4 Kubernetes API error.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: KillFlags

    @Option(name: [.short, .long], help: "table or json.")
    var output: OutputFormat = .table

    @Option(help: "Also write a self-contained HTML report with the pod timeline to this file.")
    var html: String?

    func run() async throws {
        global.bootstrapLogging()
        let report: KillReport
        do {
            var options = try killOptions()
            if html != nil { options.recovery.timeline = true }
            let client = try global.connect()
            defer { Task { try? await client.shutdown() } }
            report = try await ChaosEngine(client: client, version: BuildInfo.version).kill(options, progress: RecoveryProgress.report)
        } catch {
            Self.fail(error)
        }
        if let html {
            do {
                try Data(HTMLReport.render(report).utf8).write(to: URL(fileURLWithPath: html))
            } catch {
                printError("podchaosmonkey: --html: cannot write \(html): \(error.localizedDescription)")
            }
        }
        switch output {
        case .json: print(try report.json())
        case .table, .wide: print(KillCommand.render(report))
        }
        switch report.verdict {
        case .pass: return
        case .nothingKilled:
            if output != .json {
                printError("podchaosmonkey: nothing was killed (seed \(report.seed)); see `podchaosmonkey plan -o wide` for why")
            }
            throw ExitCode(ExitStatus.nothingKilled.rawValue)
        case .fail:
            if let failure = report.kills.first(where: { $0.result == .failed }) {
                printError("podchaosmonkey: \(failure.reason ?? "a kill failed")")
                throw ExitCode(ExitStatus.apiError.rawValue)
            }
            let unrecovered = report.kills.filter { $0.recovery.map { !$0.passed && $0.verdict != .notObserved } ?? false }
            printError(
                "podchaosmonkey: \(unrecovered.count) victim(s) did not recover as required: "
                    + unrecovered.map { "\($0.pod.namespace)/\($0.pod.name) \($0.recovery?.reason?.rawValue ?? "missed its objective")" }
                    .joined(separator: ", "))
            throw ExitCode(ExitStatus.notRecovered.rawValue)
        }
    }

    func killOptions() throws -> KillOptions { try flags.options(criteria: try selection.criteria()) }

    static func render(_ report: KillReport) -> String {
        func seconds(_ value: Double?) -> String { value.map { DurationParser.format(.milliseconds(Int64(($0 * 1000).rounded()))) } ?? "-" }
        let rows = report.kills.map { kill in
            let recovery = kill.recovery
            let verdict: String
            if let recovery {
                verdict =
                    recovery.verdict.rawValue + (recovery.reason.map { " (\($0.rawValue))" } ?? "")
                    + (recovery.slo.map { $0.met ? ", SLO met" : ", SLO missed" } ?? "")
            } else {
                verdict = "-"
            }
            return [
                "\(kill.pod.namespace)/\(kill.pod.name)", kill.owner.map { "\($0.kind)/\($0.name)" } ?? "<none>", kill.action,
                kill.result.rawValue + (kill.reason.map { ": \($0)" } ?? ""), recovery?.replacement?.name ?? "-",
                seconds(recovery?.phases.ready), seconds(recovery?.phases.ownerAvailable), verdict,
            ]
        }
        let summary =
            "seed \(report.seed) · dry-run \(report.dryRun.rawValue) · considered \(report.selection.considered), "
            + "eligible \(report.selection.eligible), killed \(report.kills.filter { $0.result == .killed }.count)"
        return rows.isEmpty
            ? summary
            : Table.render(["VICTIM", "OWNER", "MODE", "RESULT", "REPLACEMENT", "READY AFTER", "AVAILABLE AFTER", "VERDICT"], rows) + "\n"
                + summary
    }
}

extension KillCommand {
    func checkSettings() throws { _ = try killOptions() }
}
