import Foundation
import Testing

@testable import KubeAPI

@Suite("Lease observation and records")
struct LeaseObservationTests {
    static let start = ErasedClock.Instant(offset: .seconds(100))
    static let record = Lease.Spec(holderIdentity: "a", leaseDurationSeconds: 15, renewTime: MicroTime(Date()), leaseTransitions: 3)

    @Test("Expiry runs from when the record was seen to change, by the holder's duration, whatever its renewTime says")
    func expiryFromObservation() {
        var skewed = Self.record
        skewed.renewTime = MicroTime(Date(timeIntervalSinceNow: -3600))
        let observation = LeaseObservation(record: skewed, observedAt: Self.start)
        #expect(observation.isValid(at: Self.start.advanced(by: .seconds(14)), fallback: .seconds(1)))
        #expect(!observation.isValid(at: Self.start.advanced(by: .seconds(15)), fallback: .seconds(1)))
    }

    @Test("Reading the same record again does not restart the clock; a changed record does")
    func observeRestartsOnChange() {
        var observation = LeaseObservation(record: Self.record, observedAt: Self.start)
        observation.observe(Self.record, at: Self.start.advanced(by: .seconds(10)))
        #expect(observation.observedAt == Self.start)
        var renewed = Self.record
        renewed.renewTime = MicroTime(Date(timeIntervalSinceNow: 1))
        observation.observe(renewed, at: Self.start.advanced(by: .seconds(10)))
        #expect(observation.observedAt == Self.start.advanced(by: .seconds(10)))
        #expect(observation.isValid(at: Self.start.advanced(by: .seconds(20)), fallback: .seconds(1)))
    }

    @Test("Without a duration in the record the configured one applies; an empty holder is nobody")
    func fallbackAndEmptyHolder() {
        let observation = LeaseObservation(record: Lease.Spec(holderIdentity: ""), observedAt: Self.start)
        #expect(observation.holder == nil)
        #expect(observation.isValid(at: Self.start.advanced(by: .seconds(1)), fallback: .seconds(2)))
        #expect(!observation.isValid(at: Self.start.advanced(by: .seconds(2)), fallback: .seconds(2)))
    }

    @Test("Renewal keeps acquire time and transitions; acquisition counts one more; release clears the holder")
    func records() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let acquired = MicroTime(Date(timeIntervalSince1970: 1_700_000_000))
        var held = Self.record
        held.acquireTime = acquired
        let renewal = LeaseRecord.renewal(of: held, identity: "a", durationSeconds: 2, now: now)
        #expect(
            renewal
                == Lease.Spec(
                    holderIdentity: "a", leaseDurationSeconds: 2, acquireTime: acquired, renewTime: MicroTime(now), leaseTransitions: 3))
        let taken = LeaseRecord.acquisition(replacing: held, identity: "b", durationSeconds: 2, now: now)
        #expect(
            taken
                == Lease.Spec(
                    holderIdentity: "b", leaseDurationSeconds: 2, acquireTime: MicroTime(now), renewTime: MicroTime(now),
                    leaseTransitions: 4))
        #expect(LeaseRecord.acquisition(replacing: nil, identity: "b", durationSeconds: 2, now: now).leaseTransitions == 0)
        let released = LeaseRecord.release(of: taken, now: now)
        #expect(released.holderIdentity == "")
        #expect(released.leaseDurationSeconds == 1)
        #expect(released.leaseTransitions == 4)
    }
}
