import Foundation

/// When the daemon ticks. Pure: the caller passes the clock reading and the random draw, so a test replays a month exactly.
public protocol TickSchedule: Sendable {
    /// The first tick strictly after `date`, or nil when the schedule never fires again.
    /// `random` is a uniform draw in `0..<1`, used for jitter by schedules that have any.
    func next(after date: Date, random: Double) -> Date?
}
