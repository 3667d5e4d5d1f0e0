import Foundation
import KubeAPI

/// `--interval DURATION --jitter FRACTION`: each tick follows the previous one by the interval, stretched or shrunk by
/// up to `jitter` of it, so ticks spread over [interval·(1−jitter), interval·(1+jitter)] and never line up across
/// replicas or clusters.
public struct IntervalSchedule: TickSchedule, CustomStringConvertible {
    public let interval: TimeInterval
    public let jitter: Double

    public init(interval: TimeInterval, jitter: Double = 0) throws(ScheduleError) {
        guard interval.isFinite, interval > 0 else { throw .interval(interval) }
        guard jitter.isFinite, jitter >= 0, jitter < 1 else { throw .jitter(jitter) }
        self.interval = interval
        self.jitter = jitter
    }

    public var description: String {
        let every = "every \(GoDuration.format(.seconds(interval), precision: .readable))"
        return jitter == 0 ? every : every + " ±\(String(format: "%g", jitter * 100))%"
    }

    public func next(after date: Date, random: Double) -> Date? {
        // The protocol promises a draw in 0..<1; clamping keeps a stray one from leaving the documented bounds.
        let draw = random.isNaN ? 0.5 : min(max(random, 0), 1.0.nextDown)
        let next = date.addingTimeInterval(interval * (1 + jitter * (2 * draw - 1)))
        // A sub-microsecond interval can vanish in a Date's precision; a tick must still come strictly after.
        return next > date ? next : Date(timeIntervalSinceReferenceDate: date.timeIntervalSinceReferenceDate.nextUp)
    }
}
