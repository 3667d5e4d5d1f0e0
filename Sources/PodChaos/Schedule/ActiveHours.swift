/// `--active-hours 09:00-17:00`: a daily span of wall-clock time, end exclusive. A start after the end wraps past
/// midnight (`22:00-06:00`), and that night then belongs to the day it starts on.
struct ActiveHours: Sendable, Hashable {
    /// Seconds after midnight; `end` may be 86,400 (`24:00`).
    let start: Int
    let end: Int

    var wrapsMidnight: Bool { start > end }

    init(_ text: String) throws(ScheduleError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .empty("--active-hours", text) }
        let ends = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2 else { throw .hoursSyntax(text) }
        let startToken = String(ends[0]).trimmingWhitespace()
        let endToken = String(ends[1]).trimmingWhitespace()
        guard let start = Self.seconds(startToken), start < 86_400 else { throw .hoursBadTime(text, startToken) }
        guard let end = Self.seconds(endToken) else { throw .hoursBadTime(text, endToken) }
        guard start != end else { throw .hoursEmptySpan(text) }
        self.start = start
        self.end = end
    }

    /// The active spans of wall day `day`, as seconds after its midnight: the part of a wrapped night that
    /// started the day before counts only if that day was active.
    func spans(onDay day: Int, dayIsActive: (Int) -> Bool) -> [Range<Int>] {
        guard wrapsMidnight else { return dayIsActive(day) ? [start..<end] : [] }
        var spans: [Range<Int>] = []
        if end > 0, dayIsActive(day - 1) { spans.append(0..<end) }
        if dayIsActive(day) { spans.append(start..<86_400) }
        return spans
    }

    /// `9:00`, `09:00`, `24:00` → seconds after midnight; anything else → nil.
    private static func seconds(_ token: String) -> Int? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60
        else { return nil }
        guard hour < 24 || (hour == 24 && minute == 0) else { return nil }
        return hour * 3600 + minute * 60
    }
}
