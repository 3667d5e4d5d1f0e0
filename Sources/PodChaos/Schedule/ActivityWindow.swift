import Foundation

/// When kills are allowed at all: hours, days and holidays, in the schedule's time zone.
public protocol ActivityWindow: Sendable {
    func isActive(at date: Date) -> Bool

    /// Seconds of active time inside `interval`: an MTBF counts active time only, so a workload annotated
    /// `mtbf: 2d` is killed about every two active days, however long the nights and weekends between.
    func activeDuration(in interval: DateInterval) -> TimeInterval
}
