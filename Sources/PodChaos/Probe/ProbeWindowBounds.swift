import Foundation

/// Where the windows of one run begin and end. A request belongs to the window it was sent in.
public struct ProbeWindowBounds: Sendable, Hashable {
    public var start: Date
    /// The first kill request; nil when nothing was killed (then there is only a baseline).
    public var firstKill: Date?
    /// When the owners had recovered (or the wait ended); the after window starts here.
    public var recovered: Date?
    public var end: Date

    public init(start: Date, firstKill: Date?, recovered: Date?, end: Date) {
        self.start = start
        self.firstKill = firstKill
        self.recovered = recovered
        self.end = end
    }

    /// The span of `window`, nil when the run had none.
    public func span(_ window: ProbeWindow) -> (from: Date, to: Date)? {
        switch window {
        case .baseline: return (start, firstKill ?? end)
        case .disruption:
            guard let firstKill else { return nil }
            return (firstKill, recovered ?? end)
        case .after:
            guard firstKill != nil, let recovered else { return nil }
            return (recovered, end)
        }
    }

    /// The window a request sent at `time` belongs to.
    public func window(of time: Date) -> ProbeWindow {
        if let firstKill, time >= firstKill {
            if let recovered, time >= recovered { return .after }
            return .disruption
        }
        return .baseline
    }
}
