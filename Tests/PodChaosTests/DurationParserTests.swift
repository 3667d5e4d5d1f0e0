import Testing

@testable import PodChaos

@Suite("Durations as users type them")
struct DurationParserTests {
    @Test(
        "Valid durations",
        arguments: [
            ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("5m", .seconds(300)), ("1h30m", .seconds(5400)),
            ("2d", .seconds(172_800)), ("1.5s", .milliseconds(1500)), ("0", .zero), (" 10s ", .seconds(10)),
        ])
    func valid(text: String, expected: Duration) throws {
        #expect(try DurationParser.parse(text) == expected)
    }

    @Test("Invalid durations name the input", arguments: ["", "10", "s", "5 m", "1x", "-5s", "1h-", "abc"])
    func invalid(text: String) {
        let error = #expect(throws: DurationParser.InvalidDuration.self) { try DurationParser.parse(text) }
        #expect(error?.description.contains("\"\(text)\"") == true)
    }
}
