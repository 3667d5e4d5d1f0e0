import Foundation

/// Instants and local wall-clock readings in one time zone. Both are seconds since 1970: an instant counts real
/// seconds, a wall reading counts the seconds a clock on the wall shows as if no offset ever changed. Converting wall
/// to instant is where DST bites, so the policy lives here, once: a wall time maps to the first instant the clock
/// reaches it — the first of two occurrences on a fall-back day, the end of the gap on a spring-forward day.
struct ZoneClock: Sendable {
    let timeZone: TimeZone

    func offset(at instant: Double) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: instant))
    }

    func wall(at instant: Double) -> Double { instant + Double(offset(at: instant)) }

    /// The earliest instant whose wall reading is `wall` or later.
    func firstInstant(reachingWall wall: Double) -> Double {
        // A day either side is well clear of any instant that can show `wall` (offsets stay within ±14 h), and no
        // zone changes its offset twice within a day, so these are the offsets before and after any nearby change.
        let before = offset(at: wall - 86_400)
        let after = offset(at: wall + 86_400)
        let exact = [before, after].map { wall - Double($0) }.filter { self.wall(at: $0) == wall }
        if let first = exact.min() { return first }
        guard before < after else { return wall - Double(before) }
        // `wall` falls in a spring-forward gap: find the change, the first instant the clock shows a later time.
        var low = (wall - Double(after)).rounded(.down)
        var high = (wall - Double(before)).rounded(.up)
        while high - low > 1 {
            let middle = ((low + high) / 2).rounded(.down)
            if self.wall(at: middle) >= wall { high = middle } else { low = middle }
        }
        return high
    }

    /// The next instant after `instant` at which the offset changes, if the zone knows of one.
    func nextOffsetChange(after instant: Double) -> Double? {
        guard let change = timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: instant)) else {
            return nil
        }
        let seconds = change.timeIntervalSince1970
        return seconds > instant ? seconds : nil
    }
}
