/// A proleptic Gregorian calendar day, with the arithmetic done by hand (Howard Hinnant's algorithms) so that
/// schedules never depend on `Calendar`'s own policy for times that a DST change skips or repeats.
struct CivilDate: Sendable, Hashable, Comparable {
    let year: Int
    let month: Int
    let day: Int

    /// Days since 1970-01-01.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 = Sunday … 6 = Saturday, as cron counts.
    var weekday: Int { CivilDate.weekday(ofDayNumber: dayNumber) }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func weekday(ofDayNumber dayNumber: Int) -> Int {
        // 1970-01-01 was a Thursday.
        ((dayNumber + 4) % 7 + 7) % 7
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The most days a month can have in any year: February counts 29, so `Feb 29` is a valid recurring date.
    static func maximumDays(inMonth month: Int) -> Int { month == 2 ? 29 : daysIn(month: month, year: 2001) }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// English month and weekday names as cron and the window flags accept them: three letters or in full, any case.
enum CalendarNames {
    static let months = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ]
    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// 1…12 for `jan`, `January`, `DEC` …; nil otherwise.
    static func month(_ text: some StringProtocol) -> Int? { index(of: text, in: months).map { $0 + 1 } }

    /// 0 (Sunday) … 6 for `sun`, `Monday`, `SAT` …; nil otherwise.
    static func weekday(_ text: some StringProtocol) -> Int? { index(of: text, in: weekdays) }

    private static func index(of text: some StringProtocol, in names: [String]) -> Int? {
        let lowered = text.lowercased()
        guard lowered.count >= 3 else { return nil }
        return names.firstIndex { $0 == lowered || $0.prefix(3) == lowered }
    }
}

extension Int {
    /// Division rounding towards negative infinity, so days before 1970 still start at their midnight.
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
