import Foundation

/// Keeps one EndpointSlice per selector Service (`<service>-<5 chars>`, label `kubernetes.io/service-name`)
/// listing the pods the selector matches that have an IP: ready while Ready and not terminating, serving while
/// Ready, terminating once deletion starts.
public struct EndpointSliceController: Controller {
    public let name = "endpointslice-controller"
    static let serviceNameLabel = "kubernetes.io/service-name"
    static let managedByLabel = "endpointslice.kubernetes.io/managed-by"
    static let managedBy = "endpointslice-controller.k8s.io"

    public init() {}

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        let services = ControlledResources.services
        switch change.type {
        case services:
            return [change.key]
        case ControlledResources.endpointSlices:
            guard let service = change.object.labels[Self.serviceNameLabel] else { return [] }
            return [ObjectKey(services, namespace: change.object.namespace, name: service)]
        case ControlledResources.pods:
            guard let namespace = change.object.namespace else { return [] }
            let labels = [change.object.labels, change.previous?.labels ?? [:]]
            return cache.inNamespace(services, namespace).filter { service in
                guard let selector = Self.selector(of: service) else { return false }
                return labels.contains { ObjectSelector.mapMatches(selector, $0) }
            }.map { ObjectKey(services, of: $0) }
        default:
            return []
        }
    }

    /// A Service without a selector has its endpoints managed by someone else.
    static func selector(of service: JSONValue) -> [String: String]? {
        let selector = JSONValue.stringMap(service[path: ["spec", "selector"]])
        return selector.isEmpty ? nil : selector
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let service = cache.get(key), !service.isTerminating, let selector = Self.selector(of: service),
            let namespace = key.namespace
        else { return [] }
        let pods = Self.endpointPods(selector, among: cache.inNamespace(ControlledResources.pods, namespace))
        let endpoints = pods.map(Self.endpoint)
        let ports = Self.ports(of: service, pods: pods)
        let slices = cache.controlled(by: service.uid, ControlledResources.endpointSlices)
        guard let slice = slices.min(by: { $0.name < $1.name }) else {
            return [
                .create(
                    ControlledResources.endpointSlices, namespace: namespace, newSlice(for: service, endpoints: endpoints, ports: ports))
            ]
        }
        var actions: [ControllerAction] = slices.filter { $0.name != slice.name }.map {
            .delete(ObjectKey(ControlledResources.endpointSlices, of: $0), SandboxDeleteOptions())
        }
        actions.append(
            .modify(ObjectKey(ControlledResources.endpointSlices, of: slice), subresource: nil) { current in
                var next = current
                next["endpoints"] = .array(endpoints)
                next["ports"] = .array(ports)
                return next
            })
        return actions
    }

    private func newSlice(for service: JSONValue, endpoints: [JSONValue], ports: [JSONValue]) -> JSONValue {
        .object([
            "apiVersion": .string("discovery.k8s.io/v1"), "kind": .string("EndpointSlice"),
            "metadata": .object([
                "generateName": .string(service.name + "-"),
                "labels": .object([Self.serviceNameLabel: .string(service.name), Self.managedByLabel: .string(Self.managedBy)]),
                "ownerReferences": .array([PodTemplate.ownerReference(to: service, type: ControlledResources.services)]),
            ]),
            "addressType": .string("IPv4"), "endpoints": .array(endpoints), "ports": .array(ports),
        ])
    }

    /// The pods a Service with `selector` has endpoints for, by name: those it matches that have an IP and have not
    /// finished.
    static func endpointPods(_ selector: [String: String], among pods: [JSONValue]) -> [JSONValue] {
        pods.filter { !$0.podIP.isEmpty && !$0.isPodFinished && ObjectSelector.mapMatches(selector, $0.labels) }
            .sorted { $0.name < $1.name }
    }

    /// Whether the endpoint of `pod` is `ready`: the pod is Ready and not terminating.
    static func isReadyEndpoint(_ pod: JSONValue) -> Bool {
        pod.isPodReady && !pod.isTerminating
    }

    static func endpoint(_ pod: JSONValue) -> JSONValue {
        .object([
            "addresses": .array([.string(pod.podIP)]),
            "conditions": .object([
                "ready": .bool(isReadyEndpoint(pod)), "serving": .bool(pod.isPodReady), "terminating": .bool(pod.isTerminating),
            ]),
            "nodeName": .string(pod.nodeName),
            "targetRef": .object([
                "kind": .string("Pod"), "namespace": pod.namespace.map(JSONValue.string) ?? .null, "name": .string(pod.name),
                "uid": .string(pod.uid),
            ]),
        ])
    }

    /// The Service's ports with their target ports resolved: a named target port is looked up in the pods'
    /// containers, as the real controller does per pod.
    static func ports(of service: JSONValue, pods: [JSONValue]) -> [JSONValue] {
        (service[path: ["spec", "ports"]]?.arrayValue ?? []).map { port in
            var result: JSONValue = .object(["protocol": port["protocol"] ?? .string("TCP")])
            if let name = port["name"]?.stringValue { result["name"] = .string(name) }
            let target = port["targetPort"]
            if let number = target?.intValue {
                result["port"] = .number(Double(number))
            } else if let named = target?.stringValue, let number = containerPort(named, in: pods) {
                result["port"] = .number(Double(number))
            } else {
                result["port"] = port["port"] ?? .number(0)
            }
            return result
        }
    }

    private static func containerPort(_ name: String, in pods: [JSONValue]) -> Int? {
        for pod in pods {
            for container in pod[path: ["spec", "containers"]]?.arrayValue ?? [] {
                for port in container["ports"]?.arrayValue ?? [] where port["name"]?.stringValue == name {
                    if let number = port["containerPort"]?.intValue { return number }
                }
            }
        }
        return nil
    }
}
