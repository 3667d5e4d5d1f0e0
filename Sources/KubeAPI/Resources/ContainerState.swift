import Foundation

/// At most one of `waiting`, `running`, `terminated` is set; none in an empty `lastState`.
public struct ContainerState: Codable, Sendable, Hashable {
    public var waiting: Waiting?
    public var running: Running?
    public var terminated: Terminated?

    public init(waiting: Waiting? = nil, running: Running? = nil, terminated: Terminated? = nil) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }

    public struct Waiting: Codable, Sendable, Hashable {
        /// `ContainerCreating`, `CrashLoopBackOff`, `ImagePullBackOff`…
        public var reason: String?
        public var message: String?

        public init(reason: String? = nil, message: String? = nil) {
            self.reason = reason
            self.message = message
        }
    }

    public struct Running: Codable, Sendable, Hashable {
        public var startedAt: Date?

        public init(startedAt: Date? = nil) {
            self.startedAt = startedAt
        }
    }

    public struct Terminated: Codable, Sendable, Hashable {
        public var reason: String?
        public var exitCode: Int?
        public var startedAt: Date?
        public var finishedAt: Date?
        public var message: String?

        public init(
            reason: String? = nil, exitCode: Int? = nil, startedAt: Date? = nil, finishedAt: Date? = nil, message: String? = nil
        ) {
            self.reason = reason
            self.exitCode = exitCode
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.message = message
        }
    }
}
