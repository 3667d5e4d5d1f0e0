import Foundation

/// Reading the common parts of a stored object without decoding it: controllers look at thousands of pods.
extension JSONValue {
    var name: String { self[path: ["metadata", "name"]]?.stringValue ?? "" }
    var namespace: String? { self[path: ["metadata", "namespace"]]?.stringValue }
    var uid: String { self[path: ["metadata", "uid"]]?.stringValue ?? "" }
    var generation: Int { self[path: ["metadata", "generation"]]?.intValue ?? 0 }
    var isTerminating: Bool { self[path: ["metadata", "deletionTimestamp"]] != nil }

    /// The store hands out numeric resourceVersions; a missing one orders first.
    var resourceVersionNumber: Int { Int(self[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0 }

    var labels: [String: String] { Self.stringMap(self[path: ["metadata", "labels"]]) }
    var annotations: [String: String] { Self.stringMap(self[path: ["metadata", "annotations"]]) }

    static func stringMap(_ value: JSONValue?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in value?.objectValue ?? [:] {
            if let text = value.stringValue { result[key] = text }
        }
        return result
    }

    var ownerReferences: [JSONValue] { self[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] }

    /// The UID of the owner reference marked `controller: true`.
    var controllerUID: String? {
        ownerReferences.first { $0["controller"]?.boolValue == true }?["uid"]?.stringValue
    }

    /// `spec.replicas`, defaulting to 1 as the API server does.
    var desiredReplicas: Int { max(0, self[path: ["spec", "replicas"]]?.intValue ?? 1) }

    /// The `status` of the condition of that type, e.g. "True".
    func conditionStatus(_ type: String) -> String? {
        condition(type: type)?["status"]?.stringValue
    }

    func condition(type: String) -> JSONValue? {
        (self[path: ["status", "conditions"]]?.arrayValue ?? []).first { $0["type"]?.stringValue == type }
    }
}

/// Pod-specific facts.
extension JSONValue {
    var podPhase: String { self[path: ["status", "phase"]]?.stringValue ?? "Pending" }
    var nodeName: String { self[path: ["spec", "nodeName"]]?.stringValue ?? "" }
    var podIP: String { self[path: ["status", "podIP"]]?.stringValue ?? "" }
    var isPodReady: Bool { conditionStatus("Ready") == "True" }
    var isPodFinished: Bool { podPhase == "Succeeded" || podPhase == "Failed" }
    /// Counts towards a controller's replicas: not finished and not on its way out.
    var isActivePod: Bool { !isTerminating && !isPodFinished }

    var isNodeReady: Bool { conditionStatus("Ready") == "True" }
    var isNodeSchedulable: Bool { isNodeReady && self[path: ["spec", "unschedulable"]]?.boolValue != true }
}
