/// The `type` of a watch event. Keeps a type it does not know, so a newer server cannot break a watch.
public enum WatchEventType: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    case added
    case modified
    case deleted
    /// Carries only a fresh `metadata.resourceVersion` (and, for a WatchList, the initial-events-end annotation).
    case bookmark
    case error
    case other(String)

    /// Annotation on the BOOKMARK that ends the initial ADDED events of a `sendInitialEvents=true` watch.
    public static let initialEventsEndAnnotation = "k8s.io/initial-events-end"

    public init(rawValue: String) {
        switch rawValue {
        case "ADDED": self = .added
        case "MODIFIED": self = .modified
        case "DELETED": self = .deleted
        case "BOOKMARK": self = .bookmark
        case "ERROR": self = .error
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .added: return "ADDED"
        case .modified: return "MODIFIED"
        case .deleted: return "DELETED"
        case .bookmark: return "BOOKMARK"
        case .error: return "ERROR"
        case .other(let raw): return raw
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// By raw value, so that `.other("ADDED")` built by hand is still `.added`.
    public static func == (lhs: WatchEventType, rhs: WatchEventType) -> Bool { lhs.rawValue == rhs.rawValue }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// False for `.other`: a type this client does not know.
    public var isKnown: Bool {
        if case .other = WatchEventType(rawValue: rawValue) { return false }
        return true
    }
}
