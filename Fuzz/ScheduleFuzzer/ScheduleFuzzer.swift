import Foundation
import FuzzSupport

/// The schedule flags and durations from any text. The first byte picks the parser, the rest is its input. Parsing
/// never traps; a cron expression that parses fires next at an instant after the one asked about, on a minute it
/// selects; a duration that parses formats to text that parses back to the same duration.
@main
enum ScheduleFuzzer {
    static func main() { LibFuzzer.run(testOneInput) }

    static func check(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first else { return }
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        switch selector % 6 {
        case 0: checkCron(text)
        case 1: _ = try? ActiveHours(text)
        case 2: _ = try? ActiveDays(text)
        case 3: _ = try? ExcludedDates(text)
        default: checkDuration(text, allowingDays: selector % 6 == 5)
        }
    }

    static func checkCron(_ text: String) {
        guard let expression = try? CronExpression(text) else { return }
        let schedule = CronSchedule(expression: expression, timeZone: TimeZone(identifier: "UTC")!)
        // A fixed instant: 2026-03-29 00:59:30 UTC.
        let start = Date(timeIntervalSince1970: 1_774_745_970)
        guard let next = schedule.next(after: start, random: 0) else { return }
        precondition(next > start, "cron \(text) fires at \(next), not after \(start)")
        let minute = Int(next.timeIntervalSince1970 / 60)
        precondition(
            expression.firstMinute(atOrAfter: minute, beforeDay: minute / 1440 + 1) == minute,
            "cron \(text) fires at \(next), a minute it does not select")
    }

    static func checkDuration(_ text: String, allowingDays: Bool) {
        guard case .success(let duration) = GoDuration.parse(text, allowingDays: allowingDays) else { return }
        let formatted = GoDuration.format(duration)
        guard case .success(let again) = GoDuration.parse(formatted, allowingDays: allowingDays) else {
            preconditionFailure("duration \(text) formats as \(formatted), which does not parse")
        }
        precondition(again == duration, "duration \(text) formats as \(formatted), which parses to \(again)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ScheduleFuzzer.check(LibFuzzer.bytes(data, size))
    return 0
}
