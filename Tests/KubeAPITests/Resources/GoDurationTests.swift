import KubeAPI
import Testing

@Suite("Go-style durations")
struct GoDurationTests {
    @Test(
        "parses Kubernetes-style durations",
        arguments: [
            ("0", Duration.zero),
            ("500ms", .milliseconds(500)),
            ("2s", .seconds(2)),
            ("1m30s", .seconds(90)),
            ("1.5s", .milliseconds(1500)),
            ("1h", .seconds(3600)),
            ("1h2m3s", .seconds(3723)),
            ("250us", .microseconds(250)),
            ("250µs", .microseconds(250)),
            ("10ns", .nanoseconds(10)),
            ("0.5m", .seconds(30)),
            (".5s", .milliseconds(500)),
            ("1s500ms", .milliseconds(1500)),
        ])
    func parses(text: String, expected: Duration) throws {
        #expect(try GoDuration.parse(text).get() == expected)
    }

    @Test(
        "rejects malformed durations with the reason",
        arguments: [
            ("", "is empty"),
            ("5", "has a number without a unit"),
            ("5x", "has unknown unit \"x\""),
            ("-1s", "needs a number before each unit"),
            ("s", "needs a number before each unit"),
            ("1.s2", "has a number without a unit"),
            ("99999999999h", "is too long"),
            ("1 s", "has unknown unit \" s\""),
        ])
    func rejects(text: String, problem: String) {
        guard case .failure(let error) = GoDuration.parse(text) else {
            Issue.record("\"\(text)\" parsed")
            return
        }
        #expect(error.problem == problem)
        #expect(error.description.hasSuffix("write a duration such as 500ms, 2s or 1m30s"))
    }

    @Test(
        "formats as Go does, and the text parses back",
        arguments: [
            (Duration.zero, "0s"), (.milliseconds(500), "500ms"), (.seconds(90), "1m30s"), (.milliseconds(1500), "1.5s"),
            (.seconds(3600), "1h0m0s"), (.microseconds(250), "250µs"), (.nanoseconds(10), "10ns"), (.milliseconds(2050), "2.05s"),
        ])
    func formats(duration: Duration, text: String) throws {
        #expect(GoDuration.format(duration) == text)
        #expect(try GoDuration.parse(text).get() == duration)
    }

    @Test(
        "formats for reading: rounded by magnitude, no trailing zero units, and the text still parses",
        arguments: [
            (Duration.milliseconds(150), "150ms"), (.microseconds(999_600), "1s"), (.milliseconds(2100), "2.1s"),
            (.milliseconds(2050), "2.1s"), (.milliseconds(59_960), "1m"), (.seconds(90), "1m30s"), (.milliseconds(90_400), "1m30s"),
            (.seconds(3600), "1h"), (.seconds(5400), "1h30m"), (.seconds(3605), "1h0m5s"), (.zero, "0s"), (.milliseconds(-1500), "-1.5s"),
        ])
    func formatsReadably(duration: Duration, text: String) throws {
        #expect(GoDuration.format(duration, precision: .readable) == text)
        _ = try GoDuration.parse(String(text.drop { $0 == "-" })).get()
    }
}

@Suite("Go-style durations with days")
struct GoDurationDaysTests {
    @Test("`d` is a unit only when asked for: MTBFs take it, Kubernetes-style fields do not")
    func days() throws {
        #expect(try GoDuration.parse("2d", allowingDays: true).get() == .seconds(172_800))
        #expect(try GoDuration.parse("1d12h", allowingDays: true).get() == .seconds(129_600))
        guard case .failure(let error) = GoDuration.parse("2d") else {
            Issue.record("2d parsed without allowingDays")
            return
        }
        #expect(error.problem == "has unknown unit \"d\"")
    }
}
