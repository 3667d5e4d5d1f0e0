import Foundation
import KubeAPI
import PodChaos

// Interim stand-ins for the concrete schedule and activity window, which PodChaos/Schedule provides once merged.
// REPLACED AT INTEGRATION: RunCommand.schedule()/window() switch to the concrete types (cron, windows, holidays);
// delete this file then.

/// `--interval` with `--jitter`: each tick comes `interval × (1 + jitter × random)` after the previous one.
struct InterimIntervalSchedule: TickSchedule {
    let interval: Duration
    let jitter: Double

    func next(after date: Date, random: Double) -> Date? {
        date.addingTimeInterval(interval.seconds * (1 + jitter * min(max(random, 0), 1)))
    }
}

/// No window: every moment is active.
struct InterimAlwaysActive: ActivityWindow {
    func isActive(at date: Date) -> Bool { true }
    func activeDuration(in interval: DateInterval) -> TimeInterval { interval.duration }
}
