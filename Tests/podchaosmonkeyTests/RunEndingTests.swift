import PodChaosDaemon
import Testing
import UnixSignals

@testable import podchaosmonkey

/// `run`'s exit status from how it ended.
@Suite("RunEnding")
struct RunEndingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let ending: RunEnding
        let status: Int32?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a daemon stopped by SIGTERM did as asked", ending: RunEnding(once: false, stoppedBy: .sigterm), status: nil),
        Case(
            name: "a daemon's skipped tick is not its end",
            ending: RunEnding(once: false, lastOutcome: .skipped(.apiError)), status: nil),
        Case(name: "--once that killed", ending: RunEnding(once: true, lastOutcome: .killing(["demo/Deployment/web"])), status: nil),
        Case(name: "--once skipped for a reason", ending: RunEnding(once: true, lastOutcome: .skipped(.mtbfNotDue)), status: nil),
        Case(name: "--once that could not read the cluster", ending: RunEnding(once: true, lastOutcome: .skipped(.apiError)), status: 4),
        Case(name: "--once whose history was not stored", ending: RunEnding(once: true, historyNotPersisted: "forbidden"), status: 4),
        Case(
            name: "--once interrupted by SIGINT", ending: RunEnding(once: true, stoppedBy: .sigint, lastOutcome: .interrupted), status: 130),
        Case(
            name: "--once interrupted by SIGTERM", ending: RunEnding(once: true, stoppedBy: .sigterm, lastOutcome: .interrupted),
            status: 143),
        Case(
            name: "--once stopped by SIGTERM while observing its kill",
            ending: RunEnding(once: true, stoppedBy: .sigterm, lastOutcome: .killing(["demo/Deployment/web"])), status: 143),
    ]

    @Test("Exit status", arguments: cases)
    func status(_ test: Case) {
        #expect(test.ending.failure?.status == test.status)
        if let message = test.ending.failure?.message { #expect(!message.contains("\n")) }
    }

    @Test("An interrupted --once names the signal, not the cluster")
    func interruptedMessage() throws {
        let failure = try #require(RunEnding(once: true, stoppedBy: .sigterm, lastOutcome: .interrupted).failure)
        #expect(failure.message.hasPrefix("SIGTERM:"))
        #expect(!failure.message.contains("could not read the cluster"))
    }
}
