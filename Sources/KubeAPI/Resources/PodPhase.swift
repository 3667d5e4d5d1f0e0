/// `core/v1 PodPhase`. A struct rather than an enum so that a phase a newer server adds still decodes.
public struct PodPhase: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let pending = PodPhase(rawValue: "Pending")
    public static let running = PodPhase(rawValue: "Running")
    public static let succeeded = PodPhase(rawValue: "Succeeded")
    public static let failed = PodPhase(rawValue: "Failed")
    public static let unknown = PodPhase(rawValue: "Unknown")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
