/// One RBAC policy rule: verbs on resources of one API group, optionally only on the named objects.
public struct PermissionRule: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Empty for the core group.
    public var apiGroup: String
    /// Plural resource names, subresources as `pods/eviction`.
    public var resources: [String]
    public var verbs: [String]
    /// Empty: every object. Never set for `create`, which RBAC cannot restrict by name.
    public var resourceNames: [String]

    public init(apiGroup: String, resources: [String], verbs: [String], resourceNames: [String] = []) {
        self.apiGroup = apiGroup
        self.resources = resources
        self.verbs = verbs
        self.resourceNames = resourceNames
    }

    /// Each verb on each resource on each name: the unit a rule grants, and the unit the least-privilege tests remove.
    public var permissions: [Permission] {
        var out: [Permission] = []
        for resource in resources {
            for verb in verbs {
                if resourceNames.isEmpty {
                    out.append(Permission(apiGroup: apiGroup, resource: resource, verb: verb))
                } else {
                    for name in resourceNames {
                        out.append(Permission(apiGroup: apiGroup, resource: resource, verb: verb, resourceName: name))
                    }
                }
            }
        }
        return out
    }

    public static func < (lhs: PermissionRule, rhs: PermissionRule) -> Bool {
        (lhs.apiGroup, lhs.resources.joined(separator: ","), lhs.resourceNames.joined(separator: ","), lhs.verbs.joined(separator: ","))
            < (
                rhs.apiGroup, rhs.resources.joined(separator: ","), rhs.resourceNames.joined(separator: ","),
                rhs.verbs.joined(separator: ",")
            )
    }

    public var description: String {
        let group = apiGroup.isEmpty ? "" : ".\(apiGroup)"
        let names = resourceNames.isEmpty ? "" : " \(resourceNames)"
        return "\(verbs.joined(separator: ",")) \(resources.joined(separator: ","))\(group)\(names)"
    }
}

/// A single grant: one verb on one resource, perhaps on one named object.
public struct Permission: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var apiGroup: String
    public var resource: String
    public var verb: String
    public var resourceName: String?

    public init(apiGroup: String, resource: String, verb: String, resourceName: String? = nil) {
        self.apiGroup = apiGroup
        self.resource = resource
        self.verb = verb
        self.resourceName = resourceName
    }

    /// Whether granting `self` also grants `other`: the same verb on the same resource, for every name or the same one.
    func covers(_ other: Permission) -> Bool {
        apiGroup == other.apiGroup && resource == other.resource && verb == other.verb
            && (resourceName == nil || resourceName == other.resourceName)
    }

    public static func < (lhs: Permission, rhs: Permission) -> Bool {
        (lhs.apiGroup, lhs.resource, lhs.resourceName ?? "", lhs.verb) < (rhs.apiGroup, rhs.resource, rhs.resourceName ?? "", rhs.verb)
    }

    /// `create pods/eviction`, `get deployments.apps "podchaosmonkey"`: the words a forbidden error uses.
    public var description: String {
        let group = apiGroup.isEmpty ? "" : ".\(apiGroup)"
        return "\(verb) \(resource)\(group)" + (resourceName.map { " \"\($0)\"" } ?? "")
    }

    /// Rules granting exactly `permissions`, merged for reading: verbs of one resource together, then resources
    /// with the same verbs and names together.
    public static func rules(_ permissions: some Sequence<Permission>) -> [PermissionRule] {
        var verbs: [RuleTarget: Set<String>] = [:]
        for permission in permissions {
            verbs[
                RuleTarget(apiGroup: permission.apiGroup, resource: permission.resource, resourceName: permission.resourceName), default: []
            ]
            .insert(permission.verb)
        }
        var resources: [RuleShape: [String]] = [:]
        for (target, verbSet) in verbs {
            resources[
                RuleShape(apiGroup: target.apiGroup, verbs: verbSet.sorted(by: Self.verbOrder), resourceName: target.resourceName),
                default: []
            ]
            .append(target.resource)
        }
        return resources.map { shape, resources in
            PermissionRule(
                apiGroup: shape.apiGroup, resources: resources.sorted(), verbs: shape.verbs,
                resourceNames: shape.resourceName.map { [$0] } ?? [])
        }.sorted()
    }

    /// kubectl's habitual order: get, list, watch, then the writes.
    static func verbOrder(_ lhs: String, _ rhs: String) -> Bool {
        let order = ["get", "list", "watch", "create", "update", "patch", "delete"]
        return (order.firstIndex(of: lhs) ?? order.count, lhs) < (order.firstIndex(of: rhs) ?? order.count, rhs)
    }
}

/// One resource (perhaps one name) whose verbs are being gathered.
private struct RuleTarget: Hashable {
    var apiGroup: String
    var resource: String
    var resourceName: String?
}

/// The verbs and name several resources share, so one rule can list them together.
private struct RuleShape: Hashable {
    var apiGroup: String
    var verbs: [String]
    var resourceName: String?
}
