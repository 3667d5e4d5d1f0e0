import Foundation
import PodChaos
import Synchronization

/// A probe transport that answers at once, by the time on a stepping clock: `answer` is asked with the clock's
/// offset when each request is sent; `script` replaces it between runs. Counts the requests.
public final class ScriptedProbeTransport: ProbeTransport {
    public typealias Answer = @Sendable (_ at: Duration) -> ProbeResponse

    public let clock: SteppingClock
    private let state: Mutex<(answer: Answer, sent: [Duration])>

    public init(clock: SteppingClock, answer: @escaping Answer) {
        self.clock = clock
        state = Mutex((answer, []))
    }

    /// When each request was sent, as clock offsets.
    public var requests: [Duration] { state.withLock { $0.sent } }

    /// Answers the requests sent from now on with `answer`.
    public func script(_ answer: @escaping Answer) {
        state.withLock { $0.answer = answer }
    }

    public func send(_ probe: ProbeSpec) async -> ProbeResponse {
        let at = clock.now.offset
        let answer = state.withLock { state in
            state.sent.append(at)
            return state.answer
        }
        return answer(at)
    }

    /// Moves the clock to each sleep's deadline in turn until cancelled, each time once both the probe and the engine
    /// (in a window, or between kills) wait on it, and the probe has sent every request due so far (one each `interval`
    /// from the clock's offset `start`): while the engine works (a kill) or a request is on its way, time stands still.
    public func drive(interval: Duration = .milliseconds(200), from start: Duration = .zero) async throws {
        while !Task.isCancelled {
            let deadlines = await clock.sleeping { $0.count >= 2 }
            guard let next = deadlines.first, !Task.isCancelled else { return }
            let due = Int(((clock.now.offset - start) / interval).rounded(.down)) + 1
            _ = try await eventually { requests.count(where: { $0 >= start }) >= due ? true : nil }
            clock.advance(by: clock.now.duration(to: next))
        }
    }

    public static let ok = ProbeResponse.http(status: 200, body: "ok")
    public static let unavailable = ProbeResponse.http(status: 503, body: "no endpoints available")
}
