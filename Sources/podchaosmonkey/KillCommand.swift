import ArgumentParser
import Foundation
import PodChaos

struct KillCommand: AsyncParsableCommand {
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

    func run() async throws {
        global.bootstrapLogging()
        let report: KillReport
        do {
            let options = try flags.options(criteria: try selection.criteria())
            let client = try global.connect()
            defer { Task { try? await client.shutdown() } }
            report = try await ChaosEngine(client: client, version: BuildInfo.version).kill(options)
        } catch {
            Self.fail(error)
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
            let reasons = report.kills.filter { $0.result == .failed }.compactMap(\.reason)
            printError("podchaosmonkey: \(reasons.first ?? "a kill failed")")
            throw ExitCode(ExitStatus.apiError.rawValue)
        }
    }

    static func render(_ report: KillReport) -> String {
        let rows = report.kills.map { kill in
            [
                "\(kill.pod.namespace)/\(kill.pod.name)", kill.owner.map { "\($0.kind)/\($0.name)" } ?? "<none>", kill.action,
                kill.result.rawValue + (kill.reason.map { ": \($0)" } ?? ""),
            ]
        }
        let summary =
            "seed \(report.seed) · dry-run \(report.dryRun.rawValue) · considered \(report.selection.considered), "
            + "eligible \(report.selection.eligible), killed \(report.kills.filter { $0.result == .killed }.count)"
        return rows.isEmpty ? summary : Table.render(["VICTIM", "OWNER", "ACTION", "RESULT"], rows) + "\n" + summary
    }
}
