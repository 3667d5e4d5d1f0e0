import ArgumentParser
import Foundation
import KubeAPI
import PodChaos
import UnixSignals

struct KillCommand: AsyncParsableCommand, SettingsCheck {
    static let configuration = CommandConfiguration(
        commandName: "kill",
        abstract: "Kill pods at random within the safety rules, then report.",
        discussion: """
            Exit codes: 0 done as asked; 1 a victim did not recover; 2 usage or configuration error; \
            3 nothing was killed (nothing eligible, or every attempt blocked); 4 Kubernetes API error; \
            130/143 interrupted by SIGINT/SIGTERM (the report is still printed; a second signal quits at once).
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
        let interruption = Interruption()
        do {
            var options = try killOptions()
            if html != nil { options.recovery.timeline = true }
            let chosen = options
            let route = flags.probeVia.serviceRoute(kubeconfig: global.kubeconfig, context: global.context)
            report = try await global.withClient { client in
                // Always there: an owner's podchaosmonkey.io/probe annotation asks for probes without --probe.
                try await NetworkProbeTransport.with(kubernetes: client, serviceRoute: route) { transport in
                    let engine = ChaosEngine(client: client, version: BuildInfo.version, probeTransport: transport)
                    return try await Self.interruptible(by: interruption) {
                        try await engine.kill(chosen, progress: RecoveryProgress.report, interruption: interruption)
                    }
                }
            }
        } catch {
            Self.fail(error)
        }
        if let warning = report.count.warning { printError("podchaosmonkey: \(warning)") }
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
        case .interrupted:
            printError("podchaosmonkey: \(report.reason ?? "interrupted"); the report above says what was done")
            // The shell's convention for a process ended by a signal: 128 + its number (130 SIGINT, 143 SIGTERM).
            throw ExitCode(128 + (interruption.cause?.signal ?? SIGINT))
        case .nothingKilled:
            printError(
                "podchaosmonkey: nothing was killed (seed \(report.seed)): \(report.reason ?? "nothing was eligible")"
                    + (report.selection.excluded.isEmpty ? "" : "; `podchaosmonkey plan -o wide` lists every excluded pod"))
            throw ExitCode(ExitStatus.nothingKilled.rawValue)
        case .fail:
            if let failure = report.kills.first(where: { $0.result == .failed }) {
                printError("podchaosmonkey: \(failure.reason ?? "a kill failed")")
                throw ExitCode(ExitStatus.apiError.rawValue)
            }
            let unrecovered = report.kills.filter { $0.recovery.map { !$0.passed && $0.verdict != .notObserved } ?? false }
            if unrecovered.isEmpty, let reason = report.reason {
                printError("podchaosmonkey: \(reason)")
                throw ExitCode(ExitStatus.notRecovered.rawValue)
            }
            printError(
                "podchaosmonkey: \(unrecovered.count) victim(s) did not recover as required: "
                    + unrecovered.map { "\($0.pod.namespace)/\($0.pod.name) \($0.recovery?.reason?.rawValue ?? "missed its objective")" }
                    .joined(separator: ", "))
            throw ExitCode(ExitStatus.notRecovered.rawValue)
        }
    }

    /// Runs `body` while SIGINT and SIGTERM are trapped: the first raises the interruption, so the run stops
    /// killing and waiting and still returns its report; a second one ends the process at once.
    static func interruptible(by interruption: Interruption, _ body: @escaping @Sendable () async throws -> KillReport)
        async throws -> KillReport
    {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        return try await withThrowingTaskGroup(of: KillReport?.self) { group in
            group.addTask {
                for await signal in signals {
                    guard interruption.raise(Interruption.Cause(name: signal.description, signal: signal.rawValue)) else {
                        printError("podchaosmonkey: \(signal) again: quitting without a report")
                        Foundation.exit(128 + signal.rawValue)
                    }
                    printError("podchaosmonkey: \(signal): stopping; the report follows (\(signal) again quits at once)")
                }
                return nil
            }
            group.addTask { try await body() }
            while let result = try await group.next() {
                if let report = result {
                    group.cancelAll()
                    return report
                }
            }
            throw CancellationError()
        }
    }

    func killOptions() throws -> KillOptions { try flags.options(criteria: try selection.criteria()) }

    static func render(_ report: KillReport) -> String {
        func seconds(_ value: Double?) -> String { value.map { GoDuration.format(.seconds($0), precision: .readable) } ?? "-" }
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
            + (report.verdict == .interrupted ? " · \(report.reason ?? "interrupted")" : "")
        let kills =
            rows.isEmpty
            ? summary
            : Table.render(["VICTIM", "OWNER", "MODE", "RESULT", "REPLACEMENT", "READY AFTER", "AVAILABLE AFTER", "VERDICT"], rows) + "\n"
                + summary
        return report.probes.map { kills + "\n\n" + ProbeTable.render($0) } ?? kills
    }
}

extension KillCommand {
    func checkSettings() throws { _ = try killOptions() }
}
