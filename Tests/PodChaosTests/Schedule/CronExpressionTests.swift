import Testing

@testable import PodChaos

@Suite("Cron expressions: parsing")
struct CronExpressionTests {
    enum Field: String, Sendable { case minute, hour, dayOfMonth, month, dayOfWeek }

    private static func values(_ expression: CronExpression, _ field: Field) -> [Int] {
        let set =
            switch field {
            case .minute: expression.minutes
            case .hour: expression.hours
            case .dayOfMonth: expression.daysOfMonth
            case .month: expression.months
            case .dayOfWeek: expression.daysOfWeek
            }
        return (0..<64).filter { set.contains($0) }
    }

    @Test(
        "Valid fields select these values",
        arguments: [
            ("*/15 * * * *", Field.minute, [0, 15, 30, 45]),
            ("1-30/5 * * * *", .minute, [1, 6, 11, 16, 21, 26]),
            ("5/15 * * * *", .minute, [5, 20, 35, 50]),
            ("0,30,59 * * * *", .minute, [0, 30, 59]),
            ("1-3,10-12 * * * *", .minute, [1, 2, 3, 10, 11, 12]),
            ("* * * * *", .minute, Array(0...59)),
            ("0 9-17 * * *", .hour, Array(9...17)),
            ("0 */6 * * *", .hour, [0, 6, 12, 18]),
            ("0 0 1-31/10 * *", .dayOfMonth, [1, 11, 21, 31]),
            ("0 0 * JAN,jul,Dec *", .month, [1, 7, 12]),
            ("0 0 * jan-MAR *", .month, [1, 2, 3]),
            ("0 0 * JAN-DEC/3 *", .month, [1, 4, 7, 10]),
            ("0 0 * * MON-FRI", .dayOfWeek, [1, 2, 3, 4, 5]),
            ("0 0 * * mon-fri", .dayOfWeek, [1, 2, 3, 4, 5]),
            ("0 0 * * 0", .dayOfWeek, [0]),
            ("0 0 * * 7", .dayOfWeek, [0]),
            ("0 0 * * 0,7", .dayOfWeek, [0]),
            ("0 0 * * 5-7", .dayOfWeek, [0, 5, 6]),
            ("0 0 * * SUN,sat", .dayOfWeek, [0, 6]),
            ("0 0 * * */2", .dayOfWeek, [0, 2, 4, 6]),
            ("  0   12  *  *  *  ", .hour, [12]),
            ("0\t12 * * *", .hour, [12]),
        ])
    func valid(expression: String, field: Field, expected: [Int]) throws {
        #expect(Self.values(try CronExpression(expression), field) == expected)
    }

    @Test(
        "Macros are the expressions they stand for, in any case",
        arguments: [
            ("@hourly", "0 * * * *"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@weekly", "0 0 * * 0"),
            ("@monthly", "0 0 1 * *"), ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@DAILY", "0 0 * * *"),
        ])
    func macros(macro: String, expansion: String) throws {
        let parsed = try CronExpression(macro)
        let expanded = try CronExpression(expansion)
        for field in [Field.minute, .hour, .dayOfMonth, .month, .dayOfWeek] {
            #expect(Self.values(parsed, field) == Self.values(expanded, field), "\(field)")
        }
        #expect(parsed.description == macro)
    }

    @Test(
        "Invalid expressions name the field and the token",
        arguments: [
            ("61 * * * *", #"--cron "61 * * * *": minute 61 is out of range 0-59"#),
            ("* 24 * * *", #"--cron "* 24 * * *": hour 24 is out of range 0-23"#),
            ("* * 0 * *", #"--cron "* * 0 * *": day-of-month 0 is out of range 1-31"#),
            ("* * 32 * *", #"--cron "* * 32 * *": day-of-month 32 is out of range 1-31"#),
            ("* * * 13 *", #"--cron "* * * 13 *": month 13 is out of range 1-12"#),
            ("* * * * 8", #"--cron "* * * * 8": day-of-week 8 is out of range 0-7"#),
            ("0-60/5 * * * *", #"--cron "0-60/5 * * * *": minute 60 is out of range 0-59"#),
            ("* * * * FUN", #"--cron "* * * * FUN": day-of-week "FUN" is neither a number nor a name (SUN-SAT)"#),
            ("* * * FOO *", #"--cron "* * * FOO *": month "FOO" is neither a number nor a name (JAN-DEC)"#),
            ("x * * * *", #"--cron "x * * * *": minute "x" is not a number"#),
            ("* * MON * *", #"--cron "* * MON * *": day-of-month "MON" is not a number"#),
            ("* * -1 * *", #"--cron "* * -1 * *": day-of-month "-1" is not a number"#),
            ("* 1- * * *", #"--cron "* 1- * * *": hour "1-" is not a number"#),
            ("*/0 * * * *", #"--cron "*/0 * * * *": minute step in "*/0" must be a positive number"#),
            ("*/x * * * *", #"--cron "*/x * * * *": minute step in "*/x" must be a positive number"#),
            ("1/2/3 * * * *", #"--cron "1/2/3 * * * *": minute step in "1/2/3" must be a positive number"#),
            (
                "* 5-2 * * *",
                #"--cron "* 5-2 * * *": hour range "5-2" runs backwards; cron ranges do not wrap, write it as two ranges"#
            ),
            (
                "0 0 * * FRI-MON",
                #"--cron "0 0 * * FRI-MON": day-of-week range "FRI-MON" runs backwards; cron ranges do not wrap, write it as two ranges"#
            ),
            ("1,,2 * * * *", #"--cron "1,,2 * * * *": minute has an empty list item"#),
            ("* * * * 1,", #"--cron "* * * * 1,": day-of-week has an empty list item"#),
            (
                "* * * *",
                #"--cron "* * * *": expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, found 4"#
            ),
            (
                "* * * * * *",
                #"--cron "* * * * * *": expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, found 6"#
            ),
            (
                "@reboot",
                #"--cron "@reboot": unknown macro "@reboot"; expected @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually"#
            ),
            ("", #"--cron "": the value is empty"#),
            ("   ", #"--cron "   ": the value is empty"#),
            (
                "0 0 30 2 *",
                #"--cron "0 0 30 2 *": day-of-month "30" never occurs in month "2", so the schedule would never fire"#
            ),
            (
                "0 0 31 APR,JUN,SEP,NOV *",
                #"--cron "0 0 31 APR,JUN,SEP,NOV *": day-of-month "31" never occurs in month "APR,JUN,SEP,NOV", so the schedule would never fire"#
            ),
        ])
    func invalid(expression: String, message: String) {
        let error = #expect(throws: ScheduleError.self) { try CronExpression(expression) }
        #expect(error?.description == message)
        #expect(error?.flag == "--cron")
        #expect(error?.value == expression)
    }

    @Test(
        "Impossible day-of-month is fine when a restricted day-of-week can still fire it",
        arguments: ["0 0 30 2 MON", "0 0 29 2 *", "0 0 31 1-4 *", "0 0 31 * *"])
    func possibleDates(expression: String) {
        #expect(throws: Never.self) { try CronExpression(expression) }
    }
}
