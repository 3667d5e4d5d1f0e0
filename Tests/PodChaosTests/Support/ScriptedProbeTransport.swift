import Foundation
import KubeTesting
import Synchronization

@testable import PodChaos

/// A probe transport that answers at once, by the time on a stepping clock: `answer` is asked with the clock's
/// offset when each request is sent. Counts the requests.
final class ScriptedProbeTransport: ProbeTransport {
    let clock: SteppingClock
    let answer: @Sendable (_ at: Duration) -> ProbeResponse
    private let sent = Mutex<[Duration]>([])

    init(clock: SteppingClock, answer: @escaping @Sendable (_ at: Duration) -> ProbeResponse) {
        self.clock = clock
        self.answer = answer
    }

    /// When each request was sent, as clock offsets.
    var requests: [Duration] { sent.withLock { $0 } }

    func send(_ probe: ProbeSpec) async -> ProbeResponse {
        let at = clock.now.offset
        sent.withLock { $0.append(at) }
        return answer(at)
    }

    static let ok = ProbeResponse.http(status: 200, body: "ok")
    static let unavailable = ProbeResponse.http(status: 503, body: "no endpoints available")
}
