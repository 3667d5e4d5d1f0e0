import Foundation

/// `--timezone`: the zone every schedule and window is read in.
public enum ScheduleTimeZone {
    /// An IANA name such as `Europe/Berlin`; `UTC` when the flag is absent is the caller's default.
    public static func parse(_ text: String) throws(ScheduleError) -> TimeZone {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .empty("--timezone", text) }
        guard let zone = TimeZone(identifier: name) else { throw .unknownTimeZone(text) }
        return zone
    }
}
