import PodChaos

/// RBAC objects reduced to what they mean: for each Role or ClusterRole, the set of single grants; for each binding,
/// its role and subjects. Two renderings that mean the same compare equal, however their rules are grouped.
struct RBACGrants: Equatable, CustomStringConvertible {
    struct RoleKey: Hashable, Comparable, CustomStringConvertible {
        var kind: String
        var namespace: String?
        var name: String
        static func < (lhs: RoleKey, rhs: RoleKey) -> Bool {
            (lhs.kind, lhs.namespace ?? "", lhs.name) < (rhs.kind, rhs.namespace ?? "", rhs.name)
        }
        var description: String { "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }
    }

    struct Binding: Hashable {
        var kind: String
        var namespace: String?
        var name: String
        var roleKind: String
        var roleName: String
        var subjects: Set<String>
    }

    var roles: [RoleKey: Set<Permission>]
    var bindings: Set<Binding>

    init(roles: [RoleKey: Set<Permission>], bindings: Set<Binding>) {
        self.roles = roles
        self.bindings = bindings
    }

    init(_ objects: [[String: Any]]) {
        var roles: [RoleKey: Set<Permission>] = [:]
        var bindings: Set<Binding> = []
        for object in objects {
            switch object.kind {
            case "Role", "ClusterRole":
                var grants: Set<Permission> = []
                for rule in object["rules"] as? [[String: Any]] ?? [] {
                    let strings = { (key: String) in (rule[key] as? [Any] ?? []).map { "\($0)" } }
                    let names = strings("resourceNames")
                    for group in strings("apiGroups") {
                        for resource in strings("resources") {
                            for verb in strings("verbs") {
                                if names.isEmpty {
                                    grants.insert(Permission(apiGroup: group, resource: resource, verb: verb))
                                }
                                for name in names {
                                    grants.insert(Permission(apiGroup: group, resource: resource, verb: verb, resourceName: name))
                                }
                            }
                        }
                    }
                }
                roles[RoleKey(kind: object.kind, namespace: object.namespace, name: object.name), default: []].formUnion(grants)
            case "RoleBinding", "ClusterRoleBinding":
                let subjects = (object["subjects"] as? [[String: Any]] ?? []).map { subject in
                    "\(subject["kind"] ?? "")/\(subject["namespace"] ?? "")/\(subject["name"] ?? "")"
                }
                bindings.insert(
                    Binding(
                        kind: object.kind, namespace: object.namespace, name: object.name,
                        roleKind: object[path: "roleRef", "kind"] as? String ?? "",
                        roleName: object[path: "roleRef", "name"] as? String ?? "",
                        subjects: Set(subjects)))
            default: continue
            }
        }
        self.init(roles: roles, bindings: bindings)
    }

    /// Every single grant with the role that holds it: the unit the least-privilege test removes.
    var allGrants: [(role: RoleKey, grant: Permission)] {
        roles.keys.sorted().flatMap { key in roles[key, default: []].sorted().map { (key, $0) } }
    }

    /// The same objects with one grant gone, as YAML the sandbox loads.
    func yaml(removing removed: (role: RoleKey, grant: Permission)? = nil) -> String {
        var documents: [String] = []
        for key in roles.keys.sorted() {
            var grants = roles[key, default: []]
            if let removed, removed.role == key { grants.remove(removed.grant) }
            var rules = ""
            for rule in Permission.rules(grants) {
                rules += "  - apiGroups: [\"\(rule.apiGroup)\"]\n    resources: [\(rule.resources.joined(separator: ", "))]\n"
                rules += "    verbs: [\(rule.verbs.joined(separator: ", "))]\n"
                if !rule.resourceNames.isEmpty { rules += "    resourceNames: [\(rule.resourceNames.joined(separator: ", "))]\n" }
            }
            documents.append(
                "apiVersion: rbac.authorization.k8s.io/v1\nkind: \(key.kind)\nmetadata:\n  name: \(key.name)\n"
                    + (key.namespace.map { "  namespace: \($0)\n" } ?? "") + "rules:\n" + (rules.isEmpty ? "  []\n" : rules))
        }
        for binding in bindings.sorted(by: { ($0.kind, $0.namespace ?? "", $0.name) < ($1.kind, $1.namespace ?? "", $1.name) }) {
            let subjects = binding.subjects.sorted().map { subject in
                let parts = subject.split(separator: "/", omittingEmptySubsequences: false)
                return "  - {kind: \(parts[0]), namespace: \(parts[1]), name: \(parts[2])}\n"
            }
            documents.append(
                "apiVersion: rbac.authorization.k8s.io/v1\nkind: \(binding.kind)\nmetadata:\n  name: \(binding.name)\n"
                    + (binding.namespace.map { "  namespace: \($0)\n" } ?? "")
                    + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: \(binding.roleKind), name: \(binding.roleName)}\n"
                    + "subjects:\n" + subjects.joined())
        }
        return documents.joined(separator: "---\n")
    }

    var description: String {
        roles.keys.sorted().map { key in "\(key): \(roles[key, default: []].sorted().map(\.description).joined(separator: "; "))" }
            .joined(separator: "\n")
    }
}
