/// The three windows of a run with probes: before the first kill, from it until the owners recovered, and after.
public enum ProbeWindow: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case baseline
    case disruption
    case after

    public var description: String { rawValue }
}
