import Foundation
import KubeAPI
import PodChaos

/// Kill rates that do not depend on cluster size: each owner's mean time between failures (the owner annotation
/// `podchaosmonkey.io/mtbf: 2d`, else `--default-mtbf`) becomes a per-tick probability. Kills of one owner then form a
/// Poisson process over active time, so an owner annotated `2d` loses a pod about every two active days, however often
/// the daemon ticks and however many other workloads there are.
public struct MTBFRule: Sendable, Hashable {
    /// `--default-mtbf`: the MTBF of owners without the annotation. nil (the default) leaves such owners alone, so
    /// installing the daemon kills nothing until a team opts a workload in with a rate it chose.
    public var defaultMTBF: Duration?

    public init(defaultMTBF: Duration? = nil) {
        self.defaultMTBF = defaultMTBF
    }

    /// The owner's MTBF, or why it has none usable.
    public func mtbf(for owner: Workload) -> Result<Duration, MTBFProblem> {
        guard let text = owner.annotations[PodChaosKeys.mtbf] else {
            if let defaultMTBF { return .success(defaultMTBF) }
            return .failure(.unannotated)
        }
        // A typo must not turn into "kill at the default rate": an unreadable annotation leaves the owner alone.
        guard let parsed = try? DurationParser.parse(text) else { return .failure(.invalid(text)) }
        return .success(parsed)
    }

    /// `1 − exp(−activeElapsed / mtbf)`: the chance that a Poisson process with mean gap `mtbf` fires at least once in
    /// `activeElapsed` seconds of active time. An MTBF of zero means every tick.
    public static func probability(activeElapsed: TimeInterval, mtbf: Duration) -> Double {
        let mean = mtbf.seconds
        guard activeElapsed > 0 else { return 0 }
        guard mean > 0 else { return 1 }
        return -expm1(-activeElapsed / mean)
    }
}

/// Why an owner has no MTBF: it is then never drawn.
public enum MTBFProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case unannotated
    case invalid(String)

    public var description: String {
        switch self {
        case .unannotated: "no \(PodChaosKeys.mtbf) annotation and no --default-mtbf"
        case .invalid(let text): "invalid \(PodChaosKeys.mtbf) annotation \"\(text)\": expected e.g. 12h or 2d"
        }
    }
}

/// Active time between consecutive ticks: what an MTBF counts. Every tick is measured, skipped ones too, so time spent
/// paused, outside the window or not leading is not owed afterwards as a burst of kills.
public struct ActiveTimeMeter: Sendable {
    public private(set) var previousTick: Date?

    public init(previousTick: Date? = nil) {
        self.previousTick = previousTick
    }

    /// Active seconds since the previous tick. The first tick has none to count from and assumes one schedule period.
    public mutating func elapsed(at tick: Date, schedule: any TickSchedule, window: any ActivityWindow) -> TimeInterval {
        let previous =
            previousTick ?? schedule.next(after: tick, random: 0.5).map { tick.addingTimeInterval(-$0.timeIntervalSince(tick)) } ?? tick
        previousTick = tick
        guard previous < tick else { return 0 }
        return window.activeDuration(in: DateInterval(start: previous, end: tick))
    }
}
