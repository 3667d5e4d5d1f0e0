import ArgumentParser
import Foundation
import KubeAPI
import PodChaos

/// Which pods are candidates: the flags `kill`, `plan` and `run` share.
struct SelectionOptions: ParsableArguments {
    @Option(
        name: [.short, .long],
        help: "Namespace to target; repeatable or comma-separated; '!name' excludes (default: the context's namespace).")
    var namespace: [String] = []

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Target every namespace (protected ones still excluded).")
    var allNamespaces = false

    @Option(help: "Only namespaces whose labels match this selector.")
    var namespaceSelector: String?

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector for pods, e.g. app=web,tier!=db.")
    var selector: String?

    @Option(help: "Field selector for pods, e.g. status.phase=Running.")
    var fieldSelector: String?

    @Option(help: "Pod annotation filter key=value; repeatable; '!' negates.")
    var annotation: [String] = []

    @Option(help: "Only pods whose name matches this regular expression.")
    var includeName: String?

    @Option(help: "Skip pods whose name matches this regular expression.")
    var excludeName: String?

    @Option(help: "Owner kinds, e.g. Deployment,StatefulSet,!DaemonSet.")
    var kinds: String?

    @Option(help: "Leave pods younger than this alone, e.g. 10m.")
    var minAge: String?

    @Flag(help: "Only pods whose pod or owner carries podchaosmonkey.io/enabled=true.")
    var optIn = false

    @Flag(help: "Allow killing pods that no controller recreates.")
    var includeOrphans = false

    @Option(help: "Add a protected namespace; repeatable or comma-separated.")
    var protectNamespace: [String] = []

    @Option(
        help: "Remove a namespace from the protected set (kube-system, kube-public, kube-node-lease); repeatable or comma-separated.")
    var unprotectNamespace: [String] = []

    /// The items of a repeatable, comma-separated option (`-n a,b -n c`: a, b, c); an empty item stays, to be refused.
    static func items(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Parses every flag; the first bad one becomes a one-line usage error naming it.
    func criteria(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SelectionCriteria {
        var criteria = SelectionCriteria()
        do {
            let parsed = try NamespaceScope.parse(Self.items(namespace))
            criteria.namespaces.included = parsed.included
            criteria.namespaces.excluded = parsed.excluded
        } catch {
            throw CLIError.usage("--namespace: \(error)")
        }
        criteria.namespaces.allNamespaces = allNamespaces
        if let namespaceSelector {
            criteria.namespaces.selector = try flag("--namespace-selector") { try Labels.Selector(parsing: namespaceSelector) }
        }
        for name in Self.items(protectNamespace) { criteria.namespaces.protected.insert(name) }
        for name in Self.items(unprotectNamespace) where criteria.namespaces.protected.remove(name) != nil {
            printError("podchaosmonkey: warning: namespace \(name) is no longer protected; its pods may be killed")
        }
        if let selector { criteria.labelSelector = try flag("--selector") { try Labels.Selector(parsing: selector) } }
        if let fieldSelector { criteria.fieldSelector = try flag("--field-selector") { try Fields.Selector(parsing: fieldSelector) } }
        criteria.annotations = try annotation.map { text in try flag("--annotation") { try AnnotationRequirement(parsing: text) } }
        if let includeName { criteria.includeName = try flag("--include-name") { try NamePattern(includeName) } }
        if let excludeName { criteria.excludeName = try flag("--exclude-name") { try NamePattern(excludeName) } }
        if let kinds { criteria.kinds = try flag("--kinds") { try KindFilter(parsing: kinds) } }
        if let minAge { criteria.minAge = try flag("--min-age") { try DurationParser.parse(minAge) } }
        criteria.optIn = optIn
        criteria.includeOrphans = includeOrphans
        criteria.selfIdentity = SelfIdentity.fromEnvironment(environment)
        return criteria
    }
}

/// Runs `parse`, turning its error into a usage error that names the flag.
func flag<T>(_ name: String, _ parse: () throws -> T) throws -> T {
    do {
        return try parse()
    } catch {
        throw CLIError.usage("\(name): \(error)")
    }
}

/// Parses a duration flag, refusing negative values, and zero where it means nothing (a wait, a timeout, a period).
func durationFlag(_ name: String, _ text: String, allowingZero: Bool) throws -> Duration {
    let value = try flag(name) { try DurationParser.parse(text) }
    if value < .zero || (!allowingZero && value == .zero) {
        throw CLIError.usage("\(name): must be \(allowingZero ? "at least 0" : "more than 0"), got \(EchoedValue.quoted(text))")
    }
    return value
}
