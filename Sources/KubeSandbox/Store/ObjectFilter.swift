/// Which objects a list or watch wants: a namespace (nil = all) and a predicate built from label and field
/// selectors by the caller, so the store does not depend on selector syntax.
public struct ObjectFilter: Sendable {
    public var namespace: String?
    public var predicate: @Sendable (JSONValue) -> Bool

    public init(namespace: String? = nil, predicate: @escaping @Sendable (JSONValue) -> Bool = { _ in true }) {
        self.namespace = namespace
        self.predicate = predicate
    }

    func matches(_ object: JSONValue) -> Bool {
        if let namespace, object[path: ["metadata", "namespace"]]?.stringValue != namespace { return false }
        return predicate(object)
    }

    public static let everything = ObjectFilter()
}
