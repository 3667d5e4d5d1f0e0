import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

@Suite("Leader election configuration")
struct LeaderElectionConfigTests {
    @Test("Defaults are client-go's: lease 15 s, renew deadline 10 s, retry 2 s, release on cancel")
    func defaults() throws {
        let config = LeaderElectionConfig(leaseNamespace: "chaos", leaseName: "podchaosmonkey", identity: "pod-0")
        #expect(config.leaseDuration == .seconds(15))
        #expect(config.renewDeadline == .seconds(10))
        #expect(config.retryPeriod == .seconds(2))
        #expect(config.releaseOnCancel)
        #expect(config.leaseDurationSeconds == 15)
        try config.validate()
    }

    static let invalid: [(String, Duration, Duration, Duration, String, String)] = [
        ("lease equal to renew deadline", .seconds(10), .seconds(10), .seconds(2), "pod-0", "leaseDuration"),
        ("lease shorter than renew deadline", .seconds(5), .seconds(10), .seconds(2), "pod-0", "leaseDuration"),
        ("renew deadline equal to retry × 1.2", .seconds(15), .milliseconds(2400), .seconds(2), "pod-0", "renewDeadline"),
        ("renew deadline below retry", .seconds(15), .seconds(1), .seconds(2), "pod-0", "renewDeadline"),
        ("zero lease", .zero, .seconds(10), .seconds(2), "pod-0", "leaseDuration"),
        ("negative renew deadline", .seconds(15), .seconds(-1), .seconds(2), "pod-0", "renewDeadline"),
        ("zero retry", .seconds(15), .seconds(10), .zero, "pod-0", "retryPeriod"),
        ("empty identity", .seconds(15), .seconds(10), .seconds(2), "", "identity"),
    ]

    @Test("Invalid timings and identities are refused, naming the value", arguments: invalid)
    func refuses(_ row: (String, Duration, Duration, Duration, String, String)) throws {
        let (_, lease, renew, retry, identity, field) = row
        let config = LeaderElectionConfig(
            leaseNamespace: "chaos", leaseName: "podchaosmonkey", identity: identity, leaseDuration: lease, renewDeadline: renew,
            retryPeriod: retry)
        do {
            try config.validate()
            Issue.record("\(config) was accepted")
        } catch {
            #expect(error.isInvalidConfiguration)
            #expect(error.field == field)
            #expect(error.description.hasPrefix("invalid leader election configuration: \(field) "))
        }
    }

    @Test("The messages say which rule was broken, with the values")
    func messages() {
        let tooShort = LeaderElectionConfig(
            leaseNamespace: "chaos", leaseName: "l", identity: "a", leaseDuration: .seconds(10), renewDeadline: .seconds(10))
        #expect(
            Self.error(tooShort)?.description
                == "invalid leader election configuration: leaseDuration (10s) must be greater than renewDeadline (10s), "
                + "or another instance could take the lease while this one still leads")
        let jitter = LeaderElectionConfig(
            leaseNamespace: "chaos", leaseName: "l", identity: "a", leaseDuration: .seconds(15), renewDeadline: .milliseconds(2400))
        #expect(
            Self.error(jitter)?.description
                == "invalid leader election configuration: renewDeadline (2.4s) must be greater than retryPeriod × 1.2 (2.4s)")
    }

    static func error(_ config: LeaderElectionConfig) -> LeaderElectionError? {
        do {
            try config.validate()
            return nil
        } catch {
            return error
        }
    }

    @Test("Short timings within the rules are accepted; the Lease's duration is rounded up to whole seconds")
    func shortTimings() throws {
        try VirtualElection.config("a").validate()
        let config = LeaderElectionConfig(
            leaseNamespace: "chaos", leaseName: "l", identity: "a", leaseDuration: .milliseconds(1600),
            renewDeadline: .milliseconds(1500), retryPeriod: .milliseconds(1000))
        try config.validate()
        #expect(config.leaseDurationSeconds == 2)
    }

    @Test("The elector refuses an invalid configuration when it is made")
    func electorValidates() {
        let config = LeaderElectionConfig(leaseNamespace: "chaos", leaseName: "l", identity: "")
        let lock = InMemoryLeaseLock()
        _ = #expect(throws: LeaderElectionError.self) { try LeaderElector(lock: lock, config: config) }
    }
}
