import Foundation
import KubeSandbox

extension SteppingClock {
    /// The sandbox controllers' time on this clock (`SandboxOptions.controllerClock`), dated from the reference date so
    /// that the kubelet's arithmetic on dates is exact and a timer is due exactly when the clock reaches it.
    public var controllerClock: ControllerClock {
        ControllerClock(self, startingAt: Date(timeIntervalSinceReferenceDate: 0))
    }

    /// Fires the controllers' timers one at a time, earliest first, until `done` holds: time moves only as far as the
    /// controllers need it to. Between timers the controllers run at their own pace, so this waits (`eventually`) for
    /// the next timer or for `done`, as a live sandbox is waited for; neither coming within that bound throws.
    public func fireTimers(until done: () async throws -> Bool) async throws {
        while try await !done() {
            let next = try await eventually { () async throws -> Bool? in
                sleeperCount > 0 ? true : try await done() ? false : nil
            }
            guard let timerSet = next else { throw StalledControllers() }
            guard timerSet else { return }
            let deadlines = await sleeping { !$0.isEmpty }
            advance(by: now.duration(to: deadlines[0]))
        }
    }
}

/// Neither a controller's timer nor the awaited state came within `eventually`'s bound: the controllers are stuck.
public struct StalledControllers: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "the controllers neither set a timer nor reached the awaited state" }
}
