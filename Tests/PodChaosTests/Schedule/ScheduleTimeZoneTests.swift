import Foundation
import Testing

@testable import PodChaos

@Suite("--timezone")
struct ScheduleTimeZoneTests {
    @Test("IANA names parse", arguments: ["UTC", "Europe/Berlin", " America/New_York ", "Australia/Lord_Howe"])
    func valid(name: String) throws {
        let zone = try ScheduleTimeZone.parse(name)
        // Foundation may canonicalise the identifier (UTC reads back as GMT on Linux): compare the zones.
        #expect(zone == TimeZone(identifier: name.trimmingCharacters(in: .whitespaces)))
    }

    @Test(
        "Unknown names are named in the error",
        arguments: [
            (
                "Europe/Berln",
                #"--timezone "Europe/Berln": unknown time zone; expected an IANA name such as UTC, Europe/Berlin or America/New_York"#
            ),
            (
                "Mars/Olympus_Mons",
                #"--timezone "Mars/Olympus_Mons": unknown time zone; expected an IANA name such as UTC, Europe/Berlin or America/New_York"#
            ),
            ("", #"--timezone "": the value is empty"#),
        ])
    func invalid(name: String, message: String) {
        let error = #expect(throws: ScheduleError.self) { try ScheduleTimeZone.parse(name) }
        #expect(error?.description == message)
        #expect(error?.flag == "--timezone")
        #expect(error?.value == name)
    }
}
