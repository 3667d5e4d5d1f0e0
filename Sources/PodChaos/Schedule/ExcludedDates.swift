/// `--exclude-dates 2026-12-24,12-25,Jan1,Dec 31`: holidays. A full date excludes that day once; a month and day
/// (`12-25`, `Dec 25`, `December 25`) excludes it every year.
struct ExcludedDates: Sendable, Hashable {
    private var dates: Set<CivilDate> = []
    /// `month * 100 + day`.
    private var everyYear: Set<Int> = []

    init(_ text: String) throws(ScheduleError) {
        guard !text.trimmingWhitespace().isEmpty else { throw .empty("--exclude-dates", text) }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let token = String(item).trimmingWhitespace()
            guard !token.isEmpty else { throw .emptyItem("--exclude-dates", text) }
            if let date = Self.fullDate(token) {
                dates.insert(date)
            } else if let (month, day) = Self.monthDay(token) {
                everyYear.insert(month * 100 + day)
            } else {
                throw .badDate(text, token)
            }
        }
    }

    func contains(_ date: CivilDate) -> Bool { dates.contains(date) || everyYear.contains(date.month * 100 + date.day) }

    /// `2026-12-24`.
    private static func fullDate(_ token: String) -> CivilDate? {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy(isNumber), let year = Int(parts[0]),
            let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// `12-25`, `Dec25`, `Dec 25`, `december 25`; 29 February is allowed, and counts in leap years only.
    private static func monthDay(_ token: String) -> (month: Int, day: Int)? {
        let month: Int?
        let dayText: Substring
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard isNumber(parts[0]), parts[0].count <= 2 else { return nil }
            month = Int(parts[0])
            dayText = parts[1]
        } else {
            let name = token.prefix { $0.isLetter }
            month = CalendarNames.month(name)
            dayText = Substring(String(token.dropFirst(name.count)).trimmingWhitespace())
        }
        guard let month, (1...12).contains(month), isNumber(dayText), dayText.count <= 2, let day = Int(dayText),
            (1...CivilDate.maximumDays(inMonth: month)).contains(day)
        else { return nil }
        return (month, day)
    }

    private static func isNumber(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
}
