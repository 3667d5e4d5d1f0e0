import ArgumentParser
import Foundation
import PodChaos
import PodChaosDaemon

/// Where the printed grants are bound: per namespace, or cluster-wide.
enum RBACScope: String, EnumerableFlag {
    case namespaceScoped
    case cluster

    static func help(for value: RBACScope) -> ArgumentHelp? {
        switch value {
        case .namespaceScoped: "A Role and RoleBinding in each target namespace (the default when the targets are named)."
        case .cluster: "A ClusterRole and ClusterRoleBinding (the default with --all-namespaces or a namespace selector alone)."
        }
    }
}

/// The command whose API calls the RBAC covers.
enum RBACTarget: String, ExpressibleByArgument, CaseIterable {
    case kill
    case run
}

struct RBACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbac",
        abstract: "Print the least RBAC (Roles, ClusterRoles and bindings, as YAML) a kill or run with the same flags needs.",
        discussion: """
            `rbac kill FLAGS` and `rbac run FLAGS` take the flags of that command and print exactly the grants it makes \
            API calls with. --dry-run is ignored: the rules are those of the armed run, so arming a deployment is \
            removing --dry-run, nothing more.
            """)

    @Argument(help: "kill (the default) or run.")
    var command: RBACTarget = .kill

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: KillFlags
    @OptionGroup var runFlags: RunFlags

    @Flag var scope: RBACScope?

    @Option(help: "The service account the tool runs as.")
    var serviceAccount = "podchaosmonkey"

    @Option(help: "Its namespace, where the tool runs (default: the one -n namespace, else default).")
    var serviceAccountNamespace: String?

    @Option(help: "The tool's own workload, deployment/NAME or job/NAME, whose pod it resolves to protect itself; none outside a cluster.")
    var workload = "deployment/podchaosmonkey"

    func run() throws {
        do {
            print(try manifest(commandLine: Array(CommandLine.arguments.dropFirst())), terminator: "")
        } catch {
            let cliError = CLIError.from(error)
            printError("podchaosmonkey: \(cliError.message)")
            throw ExitCode(cliError.status.rawValue)
        }
    }

    func manifest(commandLine: [String]) throws -> String {
        let options =
            command == .run
            ? try RunCommand.killOptions(flags: flags, selection: selection) : try flags.options(criteria: try selection.criteria())
        let home = try homeNamespace(options.criteria.namespaces)
        let own = try ownWorkload()
        if options.scaleDownSelf, !(own.map { if case .deployment = $0 { true } else { false } } ?? false) {
            throw CLIError.usage("--scale-down-self scales the tool's own Deployment: give --workload deployment/NAME")
        }
        var needs = PermissionNeeds(options: options, homeNamespace: home, ownWorkload: own)
        // In the cluster a service: probe goes through the cluster's DNS unless --probe-via proxy says otherwise.
        if flags.probeVia == .proxy { needs.proxiedProbes = options.probes }
        if command == .run {
            needs.readsNamespacePauses = true
            needs.cachesTargets = WatchCache.scope(for: options.criteria.namespaces, defaultNamespace: home) != nil
            if runFlags.leaderElect {
                if let leaseNamespace = runFlags.leaseNamespace, leaseNamespace != home {
                    throw CLIError.usage("--lease-namespace: the Lease lives beside the tool, in \(home), not \(leaseNamespace)")
                }
                needs.leaseName = runFlags.leaseName
            }
        }
        switch scope {
        case .cluster: needs.reach = .cluster
        case .namespaceScoped where needs.reach == .cluster:
            throw CLIError.usage(
                "--namespace-scoped: --all-namespaces or a namespace selector without -n reads every namespace; use --cluster")
        case .namespaceScoped, nil: break
        }
        return RBACManifest(
            permissions: RequiredPermissions(needs), serviceAccount: serviceAccount, serviceAccountNamespace: home,
            commandLine: ["podchaosmonkey"] + commandLine
        ).yaml
    }

    private func homeNamespace(_ scope: NamespaceScope) throws -> String {
        if let serviceAccountNamespace {
            return try flag("--service-account-namespace") { try NamespaceScope.parse([serviceAccountNamespace]).included[0] }
        }
        guard !scope.allNamespaces, scope.included.count <= 1 else {
            throw CLIError.usage("--service-account-namespace: required when the targets are not a single -n namespace")
        }
        return scope.included.first ?? "default"
    }

    private func ownWorkload() throws -> PermissionNeeds.OwnWorkload? {
        if workload == "none" { return nil }
        let parts = workload.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let name = try? NamespaceScope.parse([parts[1]]).included.first else {
            throw CLIError.usage("--workload: expected deployment/NAME, job/NAME or none, got \(EchoedValue.quoted(workload))")
        }
        switch parts[0].lowercased() {
        case "deployment", "deployments", "deploy": return .deployment(name)
        case "job", "jobs": return .job(name)
        default: throw CLIError.usage("--workload: expected deployment/NAME, job/NAME or none, got \(EchoedValue.quoted(workload))")
        }
    }
}
