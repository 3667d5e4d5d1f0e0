import KubeAPI

/// Everything that decides which pods may be killed, as parsed from flags or configuration.
public struct SelectionCriteria: Sendable, Hashable {
    public var namespaces: NamespaceScope
    public var labelSelector: Labels.Selector
    public var fieldSelector: Fields.Selector
    public var annotations: [AnnotationRequirement]
    public var includeName: NamePattern?
    public var excludeName: NamePattern?
    public var kinds: KindFilter
    /// Pods younger than this are left alone (`--min-age`).
    public var minAge: Duration?
    /// Only pods whose pod or owner carries `podchaosmonkey.io/enabled=true` (`--opt-in`).
    public var optIn: Bool
    /// Pods without a controller are excluded unless this is set (`--include-orphans`): nothing brings them back.
    public var includeOrphans: Bool
    public var selfIdentity: SelfIdentity

    public init(
        namespaces: NamespaceScope = NamespaceScope(),
        labelSelector: Labels.Selector = .everything,
        fieldSelector: Fields.Selector = .everything,
        annotations: [AnnotationRequirement] = [],
        includeName: NamePattern? = nil,
        excludeName: NamePattern? = nil,
        kinds: KindFilter = .any,
        minAge: Duration? = nil,
        optIn: Bool = false,
        includeOrphans: Bool = false,
        selfIdentity: SelfIdentity = .none
    ) {
        self.namespaces = namespaces
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.annotations = annotations
        self.includeName = includeName
        self.excludeName = excludeName
        self.kinds = kinds
        self.minAge = minAge
        self.optIn = optIn
        self.includeOrphans = includeOrphans
        self.selfIdentity = selfIdentity
    }
}
