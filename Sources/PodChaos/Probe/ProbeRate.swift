import KubeAPI

/// How often a probe sends: `10/s`, `30/m`, `1/5s`. The interval between sends is what the runner uses.
public struct ProbeRate: Sendable, Hashable, CustomStringConvertible {
    /// The most any probe sends: 50 requests a second.
    public static let maximumPerSecond = 50.0

    public let count: Int
    public let per: Duration

    /// Throws a `ProbeError` naming the value when it is not `COUNT/UNIT` (UNIT `s`, `m` or a duration like `5s`),
    /// or asks for more than `maximumPerSecond`.
    public init(parsing text: String) throws(ProbeError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), count > 0, let per = Self.unit(String(parts[1])), per > .zero else {
            throw ProbeError.invalidOption("rate", text, expected: "COUNT/UNIT like 10/s, 30/m or 1/5s")
        }
        self.count = count
        self.per = per
        guard perSecond <= Self.maximumPerSecond else {
            throw ProbeError.invalidOption("rate", text, expected: "at most \(Int(Self.maximumPerSecond))/s")
        }
    }

    public init(count: Int, per: Duration) {
        self.count = count
        self.per = per
    }

    public var perSecond: Double { Double(count) / per.seconds }

    /// The time between two sends.
    public var interval: Duration { per / count }

    public var description: String {
        switch per {
        case .seconds(1): "\(count)/s"
        case .seconds(60): "\(count)/m"
        default: "\(count)/\(GoDuration.format(per, precision: .readable))"
        }
    }

    private static func unit(_ text: String) -> Duration? {
        switch text {
        case "s": .seconds(1)
        case "m": .seconds(60)
        default: try? DurationParser.parse(text)
        }
    }
}
