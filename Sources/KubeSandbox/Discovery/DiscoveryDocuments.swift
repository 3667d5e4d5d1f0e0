/// The legacy (non-aggregated) discovery documents kubectl reads, built from `ResourceCatalog`.
enum DiscoveryDocuments {
    static let standardVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"]

    static func version() -> JSONValue {
        object([
            "major": "1", "minor": "36", "emulationMajor": "1", "emulationMinor": "36", "minCompatibilityMajor": "1",
            "minCompatibilityMinor": "35", "gitVersion": "v1.36.0-podchaosmonkey-sandbox",
            "gitCommit": "0000000000000000000000000000000000000000",
            "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "swift", "compiler": "swiftc", "platform": platform,
        ])
    }

    private static var platform: String {
        #if os(Linux)
            let system = "linux"
        #else
            let system = "darwin"
        #endif
        #if arch(arm64)
            return system + "/arm64"
        #else
            return system + "/amd64"
        #endif
    }

    static func coreVersions(serverAddress: String) -> JSONValue {
        .object([
            "kind": .string("APIVersions"), "versions": .array([.string("v1")]),
            "serverAddressByClientCIDRs": .array([object(["clientCIDR": "0.0.0.0/0", "serverAddress": serverAddress])]),
        ])
    }

    static func groups() -> JSONValue {
        let groups = ResourceCatalog.groupVersions.filter { !$0.group.isEmpty }.map { entry -> JSONValue in
            let version = object(["groupVersion": "\(entry.group)/\(entry.version)", "version": entry.version])
            return .object(["name": .string(entry.group), "versions": .array([version]), "preferredVersion": version])
        }
        return .object(["kind": .string("APIGroupList"), "apiVersion": .string("v1"), "groups": .array(groups)])
    }

    static func group(_ name: String) -> JSONValue? {
        guard let entry = ResourceCatalog.groupVersions.first(where: { $0.group == name && !name.isEmpty }) else { return nil }
        let version = object(["groupVersion": "\(entry.group)/\(entry.version)", "version": entry.version])
        return .object([
            "kind": .string("APIGroup"), "apiVersion": .string("v1"), "name": .string(name), "versions": .array([version]),
            "preferredVersion": version,
        ])
    }

    /// `APIResourceList` for one group version, or nil if it is not served.
    static func resources(group: String, version: String) -> JSONValue? {
        guard ResourceCatalog.groupVersions.contains(where: { $0.group == group && $0.version == version }) else { return nil }
        var entries: [JSONValue] = []
        for type in ResourceCatalog.all where type.descriptor.group == group && type.descriptor.version == version {
            var entry: [String: JSONValue] = [
                "name": .string(type.descriptor.resource), "singularName": .string(type.singularName), "namespaced": .bool(type.namespaced),
                "kind": .string(type.kind), "verbs": strings(standardVerbs),
            ]
            if !type.shortNames.isEmpty { entry["shortNames"] = strings(type.shortNames) }
            if !type.categories.isEmpty { entry["categories"] = strings(type.categories) }
            entries.append(.object(entry))
            for subresource in type.subresources {
                entries.append(subresourceEntry(type, subresource))
            }
        }
        if group == SelfSubjectAccessReviewHandler.group && version == SelfSubjectAccessReviewHandler.version {
            entries.append(
                .object([
                    "name": .string(SelfSubjectAccessReviewHandler.resource), "singularName": .string("selfsubjectaccessreview"),
                    "namespaced": .bool(false), "kind": .string(SelfSubjectAccessReview.kind), "verbs": strings(["create"]),
                ]))
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return .object([
            "kind": .string("APIResourceList"), "apiVersion": .string("v1"), "groupVersion": .string(groupVersion),
            "resources": .array(entries),
        ])
    }

    private static func subresourceEntry(_ type: ResourceType, _ subresource: Subresource) -> JSONValue {
        var entry: [String: JSONValue] = [
            "name": .string("\(type.descriptor.resource)/\(subresource.rawValue)"), "singularName": .string(""),
            "namespaced": .bool(type.namespaced),
        ]
        switch subresource {
        case .status:
            entry["kind"] = .string(type.kind)
            entry["verbs"] = strings(["get", "patch", "update"])
        case .scale:
            entry["group"] = .string("autoscaling")
            entry["version"] = .string("v1")
            entry["kind"] = .string("Scale")
            entry["verbs"] = strings(["get", "patch", "update"])
        case .eviction:
            entry["group"] = .string("policy")
            entry["version"] = .string("v1")
            entry["kind"] = .string("Eviction")
            entry["verbs"] = strings(["create"])
        case .binding:
            entry["kind"] = .string("Binding")
            entry["verbs"] = strings(["create"])
        case .token:
            entry["group"] = .string("authentication.k8s.io")
            entry["version"] = .string("v1")
            entry["kind"] = .string("TokenRequest")
            entry["verbs"] = strings(["create"])
        case .proxy:
            entry["kind"] = .string("ServiceProxyOptions")
            entry["verbs"] = strings(["create", "delete", "get", "patch", "update"])
        }
        return .object(entry)
    }

    private static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    private static func object(_ fields: [String: String]) -> JSONValue { .object(fields.mapValues { .string($0) }) }
}
