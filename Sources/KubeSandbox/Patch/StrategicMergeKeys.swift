/// How a strategic merge patch combines a list, looked up by field name instead of from Go struct tags.
///
/// The sandbox serves built-in types only, so a table of the `patchStrategy`/`patchMergeKey` tags of the
/// core workload types stands in for the OpenAPI schema the API server consults:
///
/// | field | where | strategy |
/// |---|---|---|
/// | `containers`, `initContainers`, `ephemeralContainers`, `volumes`, `env`, `imagePullSecrets`, `resourceClaims`, `schedulingGates` | anywhere | merge by `name` |
/// | `ports` | in a container | merge by `containerPort` |
/// | `ports` | in a Service `spec` | merge by `port` |
/// | `volumeMounts` | anywhere | merge by `mountPath` |
/// | `volumeDevices` | anywhere | merge by `devicePath` |
/// | `conditions` | anywhere | merge by `type` |
/// | `ownerReferences` | anywhere | merge by `uid` |
/// | `hostAliases`, `podIPs`, `hostIPs` | anywhere | merge by `ip` |
/// | `topologySpreadConstraints` | anywhere | merge by `topologyKey` |
/// | `finalizers` | in `metadata` | merge primitives (union) |
/// | anything else, e.g. `tolerations`, `args`, `command`, `spec.finalizers` | | replace |
enum StrategicMergeKeys {
    enum ListStrategy: Sendable, Hashable {
        case replace
        /// Union of scalars, original order first, as `patchStrategy:"merge"` on a `[]string`.
        case mergePrimitives
        /// Elements are objects matched by this key's value.
        case mergeByKey(String)
    }

    private static let containerLists: Set<String> = ["containers", "initContainers", "ephemeralContainers"]

    /// `path` holds the field names from the root to the object that has the list, list fields included.
    static func strategy(forList field: String, in path: [String]) -> ListStrategy {
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "volumes", "env", "imagePullSecrets", "resourceClaims",
            "schedulingGates":
            return .mergeByKey("name")
        case "ports":
            if let parent = path.last, containerLists.contains(parent) { return .mergeByKey("containerPort") }
            return path == ["spec"] ? .mergeByKey("port") : .replace
        case "volumeMounts": return .mergeByKey("mountPath")
        case "volumeDevices": return .mergeByKey("devicePath")
        case "conditions": return .mergeByKey("type")
        case "ownerReferences": return .mergeByKey("uid")
        case "hostAliases", "podIPs", "hostIPs": return .mergeByKey("ip")
        case "topologySpreadConstraints": return .mergeByKey("topologyKey")
        case "finalizers": return path == ["metadata"] ? .mergePrimitives : .replace
        default: return .replace
        }
    }
}
