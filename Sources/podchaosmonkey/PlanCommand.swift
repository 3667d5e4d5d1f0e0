import ArgumentParser
import Foundation
import PodChaos

struct PlanCommand: AsyncParsableCommand, SettingsCheck {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what `kill` would do with the same flags, without changing anything.",
        discussion: """
            Exit codes: 0 something would be killed; 2 usage or configuration error; 3 nothing would be killed \
            (the cause on stderr); 4 Kubernetes API error.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: KillFlags

    @Option(name: [.short, .long], help: "table, wide (every excluded pod with its reasons) or json.")
    var output: OutputFormat = .table

    func run() async throws {
        global.bootstrapLogging()
        let options: KillOptions
        let result: PlanResult
        do {
            options = try killOptions()
            let chosen = options
            result = try await global.withClient { client in
                try await ChaosEngine(client: client, version: BuildInfo.version).plan(chosen)
            }
        } catch {
            Self.fail(error)
        }
        if let warning = result.count.warning { printError("podchaosmonkey: \(warning)") }
        print(
            output == .json
                ? try PlanRendering.json(result, options: options) : PlanRendering.text(result, options: options, wide: output == .wide))
        // As `kill` would: nothing to kill is exit 3, with the cause.
        if let cause = result.cause {
            printError("podchaosmonkey: would kill nothing (seed \(options.seed)): \(cause)")
            throw ExitCode(ExitStatus.nothingKilled.rawValue)
        }
    }

    func killOptions() throws -> KillOptions { try flags.options(criteria: try selection.criteria()) }

    func checkSettings() throws { _ = try killOptions() }
}

/// `plan`'s output: counts per stage, owners with their readiness and budgets, exclusions, and the victims.
enum PlanRendering {
    static func text(_ result: PlanResult, options: KillOptions, wide: Bool) -> String {
        var out: [String] = []
        out.append("Selection (seed \(options.seed), mode \(options.mode.rawValue), max kills \(options.maxKills)):")
        out.append("  considered \(result.selection.considered)")
        for stage in result.stages { out.append("  after \(stage.stage): \(stage.remaining)") }
        let count = result.count
        out.append("  to kill: \(count.target)" + (count.capped ? " (\(options.count.flag), capped by --max-kills \(count.maxKills))" : ""))
        out.append("")
        let owners = result.owners.map { owner, budgets in
            [
                owner.namespace, "\(owner.kind)/\(owner.name)",
                "\(owner.readyReplicas.map(String.init) ?? "?")/\(owner.desiredReplicas.map(String.init) ?? "?")",
                budgets.isEmpty
                    ? "-" : budgets.map { "\($0.budget.metadata.name ?? "") allows \($0.disruptionsAllowed)" }.joined(separator: ", "),
            ]
        }
        if !owners.isEmpty {
            out.append(Table.render(["NAMESPACE", "OWNER", "READY", "DISRUPTION BUDGET"], owners))
            out.append("")
        }
        if wide {
            let excluded = (result.selection.excluded + result.skipped).map { exclusion in
                [exclusion.candidate.key, exclusion.reasons.map(\.rawValue).joined(separator: ",")]
            }
            if !excluded.isEmpty {
                out.append(Table.render(["EXCLUDED POD", "REASONS"], excluded))
                out.append("")
            }
        } else if !result.selection.excluded.isEmpty || !result.skipped.isEmpty {
            out.append("\(result.selection.excluded.count + result.skipped.count) pods excluded (-o wide lists them with their reasons)")
            out.append("")
        }
        if result.victims.isEmpty {
            out.append("Would kill nothing: \(result.cause ?? "no eligible pod").")
        } else {
            out.append(
                Table.render(
                    ["WOULD KILL", "OWNER"], result.victims.map { [$0.key, $0.owner?.description ?? "<none>"] }))
        }
        return out.joined(separator: "\n")
    }

    struct JSONPlan: Encodable {
        struct Stage: Encodable {
            let stage: String
            let remaining: Int
        }
        struct Owner: Encodable {
            let namespace: String
            let kind: String
            let name: String
            let ready: Int?
            let desired: Int?
            let disruptionsAllowed: Int?
        }
        struct Pod: Encodable {
            let namespace: String
            let name: String
            let reasons: [String]?
        }
        let seed: UInt64
        let mode: String
        let considered: Int
        let stages: [Stage]
        let owners: [Owner]
        let excluded: [Pod]
        let victims: [Pod]
        let missingNamespaces: [String]
        let count: KillReport.CountSummary
        /// Why nothing would be killed; null when there are victims.
        let cause: String?

        enum CodingKeys: String, CodingKey {
            case seed, mode, considered, stages, owners, excluded, victims, missingNamespaces, count, cause
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(seed, forKey: .seed)
            try container.encode(mode, forKey: .mode)
            try container.encode(considered, forKey: .considered)
            try container.encode(stages, forKey: .stages)
            try container.encode(owners, forKey: .owners)
            try container.encode(excluded, forKey: .excluded)
            try container.encode(victims, forKey: .victims)
            try container.encode(missingNamespaces, forKey: .missingNamespaces)
            try container.encode(count, forKey: .count)
            try container.encode(cause, forKey: .cause)
        }
    }

    static func json(_ result: PlanResult, options: KillOptions) throws -> String {
        let plan = JSONPlan(
            seed: options.seed, mode: options.mode.rawValue, considered: result.selection.considered,
            stages: result.stages.map { .init(stage: $0.stage, remaining: $0.remaining) },
            owners: result.owners.map { owner, budgets in
                .init(
                    namespace: owner.namespace, kind: owner.kind, name: owner.name, ready: owner.readyReplicas,
                    desired: owner.desiredReplicas,
                    disruptionsAllowed: budgets.map(\.disruptionsAllowed).min())
            },
            excluded: (result.selection.excluded + result.skipped).map {
                .init(namespace: $0.candidate.namespace, name: $0.candidate.name, reasons: $0.reasons.map(\.rawValue))
            },
            victims: result.victims.map { .init(namespace: $0.namespace, name: $0.name, reasons: nil) },
            missingNamespaces: result.inventory.missingNamespaces, count: result.count, cause: result.cause)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(plan), as: UTF8.self)
    }
}
