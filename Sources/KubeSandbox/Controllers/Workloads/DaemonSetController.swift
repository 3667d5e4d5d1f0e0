import Foundation

/// Runs one pod of each DaemonSet on every Ready, schedulable node its node selector admits, bound to the node
/// directly (the scheduler is not involved); pods on nodes that no longer qualify are deleted.
public struct DaemonSetController: Controller {
    public let name = "daemonset-controller"

    public init() {}

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        let daemonSets = ControlledResources.daemonSets
        if change.type == daemonSets { return [change.key] }
        if change.type == ControlledResources.nodes { return cache.keys(daemonSets) }
        guard change.type == ControlledResources.pods else { return [] }
        return OwnerKeys.of(change, kind: "DaemonSet", as: daemonSets)
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let daemonSet = cache.get(key), !daemonSet.isTerminating else { return [] }
        let selector = JSONValue.stringMap(daemonSet[path: ["spec", "template", "spec", "nodeSelector"]])
        let eligible = Set(
            cache.all(ControlledResources.nodes).filter { $0.isNodeSchedulable && ObjectSelector.mapMatches(selector, $0.labels) }.map(
                \.name))
        let pods = cache.controlled(by: daemonSet.uid, ControlledResources.pods).filter(\.isActivePod)
        let podsByNode = Dictionary(grouping: pods, by: \.nodeName)
        var actions: [ControllerAction] = []
        for node in eligible.sorted() where podsByNode[node] == nil {
            var pod = PodTemplate.pod(from: daemonSet, ownerType: ControlledResources.daemonSets, generateName: daemonSet.name + "-")
            pod[path: ["spec", "nodeName"]] = .string(node)
            actions.append(.create(ControlledResources.pods, namespace: key.namespace, pod))
        }
        for (node, onNode) in podsByNode {
            // Extra pods on a node, or any on a node that no longer qualifies, go; the oldest one stays.
            let sorted = onNode.sorted {
                ($0[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", $0.name) < (
                    $1[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", $1.name
                )
            }
            for pod in sorted.dropFirst(eligible.contains(node) ? 1 : 0) {
                actions.append(.delete(ObjectKey(ControlledResources.pods, of: pod), SandboxDeleteOptions(preconditionUID: pod.uid)))
            }
        }
        let scheduled = pods.filter { eligible.contains($0.nodeName) }
        let ready = scheduled.filter(\.isPodReady).count
        let status: JSONValue = .object([
            "observedGeneration": .number(Double(daemonSet.generation)), "desiredNumberScheduled": .number(Double(eligible.count)),
            "currentNumberScheduled": .number(Double(Set(scheduled.map(\.nodeName)).count)),
            "updatedNumberScheduled": .number(Double(Set(scheduled.map(\.nodeName)).count)),
            "numberMisscheduled": .number(Double(pods.count - scheduled.count)), "numberReady": .number(Double(ready)),
            "numberAvailable": .number(Double(ready)), "numberUnavailable": .number(Double(max(0, eligible.count - ready))),
        ])
        actions.append(
            WorkloadStatus.write(
                status, to: key, keepingZero: ["desiredNumberScheduled", "currentNumberScheduled", "numberMisscheduled", "numberReady"]))
        return actions
    }
}
